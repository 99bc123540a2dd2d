// A firewall that only remembers its rules: the demo connection's networks are not the host's,
// so forwards made there must never reach the host's real firewall.

import type { Firewall, ForwardRule, NotApplied } from "./types.ts";

export class MemoryFirewall implements Firewall {
  #rules: ForwardRule[] = [];

  apply(rules: ForwardRule[]): Promise<NotApplied> {
    this.#rules = rules.map((r) => ({ ...r }));
    return Promise.resolve(new Map());
  }

  list(): Promise<ForwardRule[]> {
    return Promise.resolve(this.#rules.map((r) => ({ ...r })));
  }
}
