// /networks/:net and its tabs: Overview (the network's own address), DHCP & hosts, Port
// forwards, Leases.

import type { NetworkInfo } from "../../shared/networks.ts";
import type { NetworkTab } from "../../islands/networks/tabs.ts";
import NetworkDetails from "../../islands/NetworkDetails.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Breadcrumb } from "./_breadcrumb.tsx";
import type { Context } from "hono";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";

function NetworkPage(
  { name, tab, network, error }: {
    name: string;
    tab: NetworkTab;
    network: NetworkInfo | null;
    error: string | null;
  },
) {
  return (
    <>
      <Breadcrumb href="/networks" list={t("Networks")}>{name}</Breadcrumb>
      <Island
        name="NetworkDetails"
        component={NetworkDetails}
        props={{ name, tab, network, error }}
      />
    </>
  );
}

export default function (page: PageKit) {
  const networkPage = async (c: Context, name: string, tab: NetworkTab) => {
    const read = await page.known.read<NetworkInfo>(
      `network:${name}`,
      () => page.ctx.networks.get(name),
    );
    const network = read.value;
    if (network === null) return page.errorPage(c, read, "networks");
    return page.render(c, <NetworkPage name={name} tab={tab} network={network} error={null} />, {
      title: t("{{name}} · Networks", { name }),
      active: "networks",
      styles: STORAGE_STYLES,
      stale: staleOf([read]),
    });
  };
  const tab = (path: string, summary: string, tab: NetworkTab) =>
    page.page(`/networks/:net${path}`, summary, (c) => networkPage(c, c.req.param("net"), tab));
  tab("", "A network's Overview tab", "overview");
  tab("/dhcp", "A network's DHCP & hosts tab", "dhcp");
  tab("/forwards", "A network's Port forwards tab", "forwards");
  tab("/leases", "A network's Leases tab", "leases");
}
