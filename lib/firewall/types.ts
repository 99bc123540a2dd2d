// What a port forward is to the firewall, and the interface every firewall backend (iptables,
// a remote host's, the in-memory one of tests) implements. Kept apart so the backends share it
// without importing iptables.

/** One port forward as the firewall sees it: host port -> guest address behind `bridge`. */
export interface ForwardRule {
  id: number;
  protocol: "tcp" | "udp";
  hostPort: number;
  guestIp: string;
  guestPort: number;
  /** The Linux bridge of the guest's network, e.g. "virbr0". */
  bridge: string;
}

/**
 * The forwards an apply put in place that still cannot carry traffic, by id, each with the reason
 * in the user's words (libvirt's nftables table has no rules for its bridge, say), worded when
 * asked: in the language of whoever reads it, not of the reconcile that found it. Empty when every
 * rule can.
 */
export type NotApplied = Map<number, () => string>;

/** The firewall port forwards are written to. */
export interface Firewall {
  /**
   * Replaces every KVM Manager rule with exactly `rules` (idempotent, self-healing) and answers
   * which of them cannot carry traffic yet, and why.
   */
  apply(rules: ForwardRule[]): Promise<NotApplied>;
  /** Rules as the firewall lists them now, parsed back (for status and tests). */
  list(): Promise<ForwardRule[]>;
  /**
   * Whether any rule of ours is in the firewall, complete or not (a DNAT without its accept):
   * what is there to clean up. Without it, list()'s length says.
   */
  holdsRules?(): Promise<boolean>;
}
