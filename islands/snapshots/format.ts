// How the snapshot tree shows libvirt's words: the VM state a snapshot was taken in.

/** libvirt's snapshot `<state>` → the badge class (the VM states' colours) and its label. */
export function snapshotStateBadge(state: string): { badge: string; label: string } {
  switch (state) {
    case "running":
    case "blocked":
    case "shutdown": // shutting down, still running
      return { badge: "running", label: "Running" };
    case "paused":
      return { badge: "paused", label: "Paused" };
    case "pmsuspended":
      return { badge: "suspended", label: "Suspended" };
    case "crashed":
      return { badge: "crashed", label: "Crashed" };
    case "disk-snapshot":
      return { badge: "stopped", label: "Disks only" };
    default: // shutoff, nostate
      return { badge: "stopped", label: "Shut off" };
  }
}

/** An ISO time in the browser's locale. */
export const formatTaken = (iso: string) => new Date(iso).toLocaleString();
