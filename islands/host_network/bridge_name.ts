// The name a create form offers first: Proxmox VE's vmbrN for a bridge (bondN for a bond), the
// lowest N that no interface, and no line of the interfaces file or its staged diff, uses yet.

import type { HostNetworkState } from "../../shared/host_network.ts";

export const freeBridgeName = (state: HostNetworkState) => freeName(state, "vmbr");

export function freeName(state: HostNetworkState, prefix: string): string {
  const taken = new Set(state.interfaces.map((i) => i.name));
  const words = new Set(`${state.file}\n${state.staged}`.split(/[\s+-]+/));
  for (let n = 0;; n++) {
    const name = `${prefix}${n}`;
    if (!taken.has(name) && !words.has(name)) return name;
  }
}
