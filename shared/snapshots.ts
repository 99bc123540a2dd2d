// The API's shapes for snapshots: one tree item, the list answer and the create input.

/** One snapshot as `GET /api/vms/:id/snapshots` lists it, in tree order. */
export interface SnapshotInfo {
  name: string;
  description: string;
  /** The VM's state when it was taken, in libvirt's words: running, paused, shutoff … */
  state: string;
  /** ISO 8601 (libvirt keeps whole seconds). */
  createdAt: string;
  parent: string | null;
  /** Direct children, in tree order. */
  children: string[];
  /** 0 for a root, 1 for its children … */
  depth: number;
  /** The snapshot the VM was last created from or reverted to. */
  current: boolean;
  /** Whether it holds the VM's memory (so reverting resumes the VM as it ran). */
  memory: boolean;
  /** Only in the answer to a create: whether the guest agent froze filesystems for it. */
  quiesced?: boolean;
}

/** `GET /api/vms/:id/snapshots`. */
export interface SnapshotList {
  snapshots: SnapshotInfo[];
  /** The current snapshot's name, null when there is none. */
  current: string | null;
}

/** `POST /api/vms/:id/snapshots` after validation. */
export interface SnapshotInput {
  name: string;
  /** True when the name was generated (`snap-YYYYMMDD-HHMMSS`), so a clash may be renumbered. */
  generated: boolean;
  description: string;
  /** Omitted: with memory exactly when the VM runs or is paused. */
  memory?: boolean;
  /** Omitted: quiesce only when it can be done; true: refuse when it cannot. */
  quiesce?: boolean;
}

/** Names snapshots (and what the scheduler generates): letter or digit first, up to 64. */
export const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_DESCRIPTION = 1000;
