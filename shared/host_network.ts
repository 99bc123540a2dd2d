// What the host network API answers (routes/api/host_network.ts), for the server, the UI and the
// CLI alike.

/** A change applied and not yet confirmed. */
export interface PendingChange {
  /** When the change undoes itself, ms since the epoch. */
  deadline: number;
  /** What the confirmation names: this change, not a later one. */
  id: string;
}

/** The host's network as its page shows it. */
export interface HostNetworkState {
  /** The interfaces file (/etc/network/interfaces) as it is now. */
  file: string;
  /** The staged changes as a unified diff against it; "" when nothing is staged. */
  staged: string;
  /** The change applied and waiting for its confirmation. */
  pending: PendingChange | null;
}
