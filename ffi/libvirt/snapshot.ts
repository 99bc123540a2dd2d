// Wrappers of a domain's snapshots and checkpoints: each owns one reference, freed once.

import { check } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv } from "./library.ts";
import { readChecked, takeChecked } from "./returned.ts";

/** virDomainSnapshotCreateFlags we use. */
export const SnapshotCreateFlags = {
  /** Take only the disks, not memory (external snapshots only). */
  DISK_ONLY: 1 << 4,
  /** Freeze guest filesystems through the QEMU guest agent while the snapshot is taken. */
  QUIESCE: 1 << 6,
  /** Check the snapshot can be taken, so nothing half-made is left on refusal. */
  VALIDATE: 1 << 9,
} as const;

/** virDomainSnapshotRevertFlags. */
export const SnapshotRevertFlags = { RUNNING: 1 << 0, PAUSED: 1 << 1, FORCE: 1 << 2 } as const;

/** virDomainSnapshotDeleteFlags. */
export const SnapshotDeleteFlags = { CHILDREN: 1 << 0, METADATA_ONLY: 1 << 1 } as const;

/** One virDomainSnapshot reference. */
export class Snapshot extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virDomainSnapshotFree", true);
  }

  /** virDomainSnapshotGetName (local, no RPC). */
  getName(): string {
    return readChecked(lv().virDomainSnapshotGetName(this.ptr), "virDomainSnapshotGetName");
  }

  /** virDomainSnapshotGetXMLDesc: name, description, state, parent, creation time, disks. */
  getXMLDesc(flags = 0): string {
    return takeChecked(
      lv().virDomainSnapshotGetXMLDesc(this.ptr, flags),
      "virDomainSnapshotGetXMLDesc",
    );
  }

  /** virDomainSnapshotIsCurrent. */
  isCurrent(): boolean {
    return check(lv().virDomainSnapshotIsCurrent(this.ptr, 0), "virDomainSnapshotIsCurrent") === 1;
  }

  /** virDomainRevertToSnapshot. */
  revert(flags = 0): void {
    check(lv().virDomainRevertToSnapshot(this.ptr, flags), "virDomainRevertToSnapshot");
  }

  /** virDomainSnapshotDelete. */
  delete(flags = 0): void {
    check(lv().virDomainSnapshotDelete(this.ptr, flags), "virDomainSnapshotDelete");
  }
}

/** One virDomainCheckpoint reference: a point incremental backups count changes from. */
export class Checkpoint extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virDomainCheckpointFree", true);
  }

  /** virDomainCheckpointGetName (local, no RPC). */
  getName(): string {
    return readChecked(lv().virDomainCheckpointGetName(this.ptr), "virDomainCheckpointGetName");
  }

  /** virDomainCheckpointGetXMLDesc. */
  getXMLDesc(flags = 0): string {
    return takeChecked(
      lv().virDomainCheckpointGetXMLDesc(this.ptr, flags),
      "virDomainCheckpointGetXMLDesc",
    );
  }

  /** virDomainCheckpointDelete: merges its changes into its parent's. */
  delete(flags = 0): void {
    check(lv().virDomainCheckpointDelete(this.ptr, flags), "virDomainCheckpointDelete");
  }
}
