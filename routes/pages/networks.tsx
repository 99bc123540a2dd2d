// /networks: the virtual networks.

import type { Context } from "hono";
import { Fragment } from "preact";
import type { NetworkInfo } from "../../shared/networks.ts";
import NetworkList from "../../islands/NetworkList.tsx";
import { Island } from "../../components/Island.tsx";
import { hostNetworkFeature } from "../../lib/host_network/feature.ts";
import { AppError } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";

/**
 * The NICs an admin may bridge for VMs from here (the host network page's rule), or none where
 * the host's network is not this server's to change (a remote host, the demo) or ip fails.
 */
async function bridgeableNics(page: PageKit, c: Context): Promise<string[]> {
  if (c.get("identity")?.role !== "admin") return [];
  try {
    const interfaces = await page.ctx.features.get(hostNetworkFeature).service.interfaces();
    return interfaces.filter((i) => i.bridgeable).map((i) => i.name);
  } catch (err) {
    if (err instanceof AppError) return [];
    throw err;
  }
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
    const props = { networks: networks.value, error: page.missing(networks) };
    const body = (
      <>
        <BridgeNicLinks nics={await bridgeableNics(page, c)} />
        <section class="card">
          <Island name="NetworkList" component={NetworkList} props={props} />
        </section>
      </>
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
