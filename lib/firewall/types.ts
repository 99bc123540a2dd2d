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

/** The firewall port forwards are written to. */
export interface Firewall {
  /** Replaces every KVM Manager rule with exactly `rules` (idempotent, self-healing). */
  apply(rules: ForwardRule[]): Promise<void>;
  /** Rules as the firewall lists them now, parsed back (for status and tests). */
  list(): Promise<ForwardRule[]>;
}
