// What deleting a VM would do to each of its disks: the dialog's list and the API's check.

/**
 * Why a disk is not deleted with its VM unless asked for by name. "unknown": whether another VM
 * or a linked clone uses it could not be checked, so it stays (not deletable).
 */
export type KeepKind = "iso" | "shared" | "base" | "outside" | "unknown";

/** One disk of a VM as the delete dialog lists it (`GET /api/vms/:id/delete-plan`). */
export interface DeleteVolume {
  path: string;
  /** Guest device name, e.g. "vda". */
  target: string;
  /** "disk", "cdrom" or "floppy". */
  device: string;
  /** null: the VM's own disk, deleted by default; else why it stays unless chosen. */
  keep: KeepKind | null;
  /** The keep reason in the user's words ("" for the VM's own disks). */
  reason: string;
  /** False for a base of linked clones, a file outside any pool and an unchecked disk. */
  deletable: boolean;
}

/** `GET /api/vms/:id/delete-plan`. */
export interface DeletePlan {
  name: string;
  volumes: DeleteVolume[];
  /** Set when the VM is protected: delete is refused (409 VM_PROTECTED) until it is cleared. */
  protected?: true;
}

/** The paths a delete takes by default: the VM's own disks. */
export const ownVolumes = (plan: DeletePlan): string[] =>
  plan.volumes.filter((v) => v.keep === null).map((v) => v.path);
