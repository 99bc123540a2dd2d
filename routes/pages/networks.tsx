// /networks: the virtual networks.

import type { NetworkInfo } from "../../shared/networks.ts";
import NetworkList from "../../islands/NetworkList.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { PageHead } from "./_page_head.tsx";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";

function NetworksPage(
  { networks, error }: { networks: NetworkInfo[] | null; error: string | null },
) {
  return (
    <>
      <PageHead title={t("Networks")} muted>
        {t(
          "Virtual networks connect VMs to each other and to the host: NAT, routed, isolated, an existing host bridge (Linux or Open vSwitch), macvtap on a host interface, or an SR-IOV card's virtual functions.",
        )} <a href="/topology">{t("See how they connect in the network topology.")}</a>
      </PageHead>
      <section class="card">
        <Island name="NetworkList" component={NetworkList} props={{ networks, error }} />
      </section>
    </>
  );
}

export default function (page: PageKit) {
  page.page("/networks", "Networks page", async (c) => {
    const networks = await page.known.read<NetworkInfo[]>(
      "networks",
      () => page.ctx.networks.list(),
    );
    return page.render(
      c,
      <NetworksPage networks={networks.value} error={page.missing(networks)} />,
      {
        title: t("Networks"),
        active: "networks",
        styles: STORAGE_STYLES,
        stale: staleOf([networks]),
      },
    );
  });
}
