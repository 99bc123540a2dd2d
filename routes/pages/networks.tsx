// /networks: the virtual networks.

import type { NetworkInfo } from "../../shared/networks.ts";
import NetworkList from "../../islands/NetworkList.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";

export default function (page: PageKit) {
  page.page("/networks", "Networks page", async (c) => {
    const networks = await page.known.read<NetworkInfo[]>(
      "networks",
      () => page.ctx.networks.list(),
    );
    const props = { networks: networks.value, error: page.missing(networks) };
    const body = (
      <section class="card">
        <Island name="NetworkList" component={NetworkList} props={props} />
      </section>
    );
    const lead = (
      <>
        {t(
          "Virtual networks connect VMs to each other and to the host: NAT, routed, isolated, an existing host bridge (Linux or Open vSwitch), macvtap on a host interface, or an SR-IOV card's virtual functions.",
        )} <a href="/topology">{t("See how they connect in the network topology.")}</a>
      </>
    );
    return page.render(c, body, {
      title: t("Networks"),
      head: { muted: true, lead },
      active: "networks",
      styles: STORAGE_STYLES,
      stale: staleOf([networks]),
    });
  });
}
