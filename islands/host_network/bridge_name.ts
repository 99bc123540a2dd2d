// The name the "Create bridge over NIC" form offers first: Proxmox VE's vmbrN, the lowest N that
// no interface, and no line of the interfaces file or its staged diff, uses yet.

import type { HostNetworkState } from "../../shared/host_network.ts";

export function freeBridgeName(state: HostNetworkState): string {
  const taken = new Set(state.interfaces.map((i) => i.name));
  const words = new Set(`${state.file}\n${state.staged}`.split(/[\s+-]+/));
  for (let n = 0;; n++) {
    const name = `vmbr${n}`;
    if (!taken.has(name) && !words.has(name)) return name;
  }
}
