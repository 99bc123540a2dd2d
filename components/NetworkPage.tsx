// Body of `/networks/:net`: facts, DHCP, static hosts, leases and port forwards (one island).

import type { NetworkInfo } from "../shared/networks.ts";
import NetworkDetails from "../islands/NetworkDetails.tsx";
import { Island } from "./Island.tsx";

export function NetworkPage(
  { name, network, error }: { name: string; network: NetworkInfo | null; error: string | null },
) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/networks">Networks</a> / {name}
      </p>
      <Island name="NetworkDetails" component={NetworkDetails} props={{ name, network, error }} />
    </>
  );
}
