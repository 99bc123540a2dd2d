// Body of `/networks`: the virtual networks island.

import type { NetworkInfo } from "../shared/networks.ts";
import NetworkList from "../islands/NetworkList.tsx";
import { Island } from "./Island.tsx";

export function NetworksPage(
  { networks, error }: { networks: NetworkInfo[] | null; error: string | null },
) {
  return (
    <>
      <h1>Networks</h1>
      <p class="muted lead">
        Virtual networks connect VMs to each other and to the host: NAT, routed, isolated, or an
        existing host bridge.
      </p>
      <section class="card">
        <Island name="NetworkList" component={NetworkList} props={{ networks, error }} />
      </section>
    </>
  );
}
