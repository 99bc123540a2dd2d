// A port forward is complete only when its DNAT and its accept agree; both backends list the two
// halves from different places (iptables' two tables, nftables' own table and libvirt's chain)
// and join them here, so "complete" means the same under either.

import type { ForwardRule } from "./types.ts";

/** The guest side of an accept, as each backend reads it back. */
type Accept = Pick<ForwardRule, "id" | "bridge" | "protocol" | "guestIp" | "guestPort">;

/**
 * The forwards whose DNAT (in listing order, first of an id wins) has an accept of the same id,
 * protocol and guest address and port; the accept gives the bridge. Sorted by id.
 */
export function pairForwards(
  dnats: Iterable<Omit<ForwardRule, "bridge"> | null>,
  accepts: ReadonlyMap<number, Accept>,
): ForwardRule[] {
  const found = new Map<number, ForwardRule>();
  for (const dnat of dnats) {
    const accept = dnat && accepts.get(dnat.id);
    if (
      dnat && accept && !found.has(dnat.id) && accept.protocol === dnat.protocol &&
      accept.guestIp === dnat.guestIp && accept.guestPort === dnat.guestPort
    ) {
      found.set(dnat.id, { ...dnat, bridge: accept.bridge });
    }
  }
  return [...found.values()].sort((a, b) => a.id - b.id);
}
