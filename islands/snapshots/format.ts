// How the snapshot tree shows libvirt's words: the VM state a snapshot was taken in, and the
// state a revert leaves the VM in.

import type { VmState } from "../../shared/vms.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";

/**
 * libvirt's snapshot `<state>` → the badge class (the VM states' colours), its label, and the
 * sentence saying what the VM will be after a revert to it.
 */
export function snapshotStateBadge(
  state: string,
): { badge: string; label: string; after: string } {
  switch (state) {
    case "running":
    case "blocked":
    case "shutdown": // shutting down, still running
      return { badge: "running", label: t("Running"), after: t("The VM will be running.") };
    case "paused":
      return { badge: "paused", label: t("Paused"), after: t("The VM will be paused.") };
    case "pmsuspended":
      return {
        badge: "suspended",
        label: t("Suspended"),
        after: t("The VM will be suspended."),
      };
    case "crashed":
      return { badge: "crashed", label: t("Crashed"), after: t("The VM will be crashed.") };
    case "disk-snapshot":
      return { badge: "stopped", label: t("Disks only"), after: t("The VM will be disks only.") };
    default: // shutoff, nostate
      return { badge: "stopped", label: t("Shut off"), after: t("The VM will be shut off.") };
  }
}

/** What a revert did, with the state the VM is in after it. */
export function revertedMessage(name: string, state: VmState): string {
  switch (state) {
    case "running":
      return t("Reverted to {{name}}; the VM is running.", { name });
    case "paused":
      return t("Reverted to {{name}}; the VM is paused.", { name });
    case "suspended":
      return t("Reverted to {{name}}; the VM is suspended.", { name });
    case "crashed":
      return t("Reverted to {{name}}; the VM is crashed.", { name });
    default:
      return t("Reverted to {{name}}; the VM is stopped.", { name });
  }
}

/** An ISO time in the page's language. */
export const formatTaken = (iso: string) => formatDateTime(iso);
