// Body of `/networks`: the virtual networks island.

import type { NetworkInfo } from "../shared/networks.ts";
import NetworkList from "../islands/NetworkList.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function NetworksPage(
  { networks, error }: { networks: NetworkInfo[] | null; error: string | null },
) {
  return (
    <>
      <h1>{t("Networks")}</h1>
      <p class="muted lead">
        {t(
          "Virtual networks connect VMs to each other and to the host: NAT, routed, isolated, an existing host bridge (Linux or Open vSwitch), macvtap on a host interface, or an SR-IOV card's virtual functions.",
        )} <a href="/topology">{t("See how they connect in the network topology.")}</a>
      </p>
      <section class="card">
        <Island name="NetworkList" component={NetworkList} props={{ networks, error }} />
      </section>
    </>
  );
}
