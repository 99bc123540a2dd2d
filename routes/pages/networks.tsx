// /networks: the virtual networks.

import type { Context } from "hono";
import { Fragment } from "preact";
import type { NetworkInfo } from "../../shared/networks.ts";
import NetworkList from "../../islands/NetworkList.tsx";
import { Island } from "../../components/Island.tsx";
import { hostNetworkFeature } from "../../lib/host_network/feature.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { readNow } from "../page_data.ts";
import { STORAGE_STYLES } from "../page_styles.ts";
import { renderListPage } from "./_list_page.tsx";

/**
 * The NICs an admin may bridge for VMs from here (the host network page's rule), or none where
 * the host's network is not this server's to change (a remote host, the demo) or ip fails.
 */
async function bridgeableNics(page: PageKit, c: Context): Promise<string[]> {
  if (c.get("identity")?.role !== "admin") return [];
  const read = await readNow(() => page.ctx.features.get(hostNetworkFeature).service.interfaces());
  return (read.value ?? []).filter((i) => i.bridgeable).map((i) => i.name);
}

/** "Bridge this NIC for VMs": each leads to the host network page with its NIC chosen. */
function BridgeNicLinks({ nics }: { nics: string[] }) {
  if (nics.length === 0) return null;
  return (
    <p class="networks-bridge-nics">
      {t("VMs straight on the LAN need a host bridge:")} {nics.map((nic, n) => (
        <Fragment key={nic}>
          {n > 0 && " · "}
          <a href={`/host/network?nic=${encodeURIComponent(nic)}`} data-bridge-nic={nic}>
            {t("Bridge {{nic}} for VMs", { nic })}
          </a>
        </Fragment>
      ))}
    </p>
  );
}

export default function (page: PageKit) {
  page.page("/networks", "Networks page", async (c) => {
    const networks = await page.known.read<NetworkInfo[]>(
      "networks",
      () => page.ctx.networks.list(),
    );
    const island = (networks: NetworkInfo[] | null, error: string | null) => (
      <Island name="NetworkList" component={NetworkList} props={{ networks, error }} />
    );
    const lead = (
      <>
        {t(
          "Virtual networks connect VMs to each other and to the host: NAT, routed, isolated, an existing host bridge (Linux or Open vSwitch), macvtap on a host interface, or an SR-IOV card's virtual functions.",
        )} <a href="/topology">{t("See how they connect in the network topology.")}</a>
      </>
    );
    return renderListPage(page, c, networks, island, {
      title: t("Networks"),
      lead,
      active: "networks",
      styles: STORAGE_STYLES,
      above: <BridgeNicLinks nics={await bridgeableNics(page, c)} />,
    });
  });
}
