// Moving a VM to another host: the API's shapes, shared by lib/, routes/ and islands/.

/** `POST /api/vms/:id/migrate`. */
export interface MigrationInput {
  /** The id of the host to move the VM to (`GET /api/hosts`). */
  to: string;
  /** Keep the VM running while its memory is copied (default for a running VM). */
  live?: boolean;
  /** Copy the disks too, for hosts without shared storage (same paths on the destination). */
  copyStorage?: boolean;
  /** Move only the definition of a stopped VM (default for a stopped VM). */
  offline?: boolean;
  /** The most MiB/s the migration may use; unlimited when absent. */
  bandwidthMiBs?: number;
}

export type MigrationState = "running" | "completed" | "failed" | "cancelled";

/**
 * Where a migration stands: "starting" until libvirt reports figures, then the copies
 * (storage first when copying disks, then memory, round after round as the guest dirties it),
 * "finishing" once nothing is left (the guest pauses for the switch), then the outcome.
 */
export type MigrationPhase =
  | "starting"
  | "copying-storage"
  | "copying-memory"
  | "finishing"
  | "completed"
  | "failed"
  | "cancelled";

/** Bytes as libvirt's job statistics count them (memory and storage together). */
export interface MigrationProgress {
  phase: MigrationPhase;
  dataProcessed: number;
  dataTotal: number;
  dataRemaining: number;
  /** 0 to 100: how much of the total is no longer left to send. */
  percent: number;
}

/** One migration of one VM; the latest per VM is kept while KVM Manager runs. */
export interface MigrationJob {
  id: string;
  /** The VM's UUID (the same on both hosts). */
  vmId: string;
  name: string;
  /** Host ids. */
  from: string;
  to: string;
  toName: string;
  live: boolean;
  copyStorage: boolean;
  offline: boolean;
  state: MigrationState;
  startedAt: string;
  finishedAt?: string;
  /** Why it failed or how it was cancelled, in libvirt's words. */
  error?: string;
  /** The API error code matching `error` (e.g. LIBVIRT_ERROR, INVALID_STATE). */
  errorCode?: string;
  progress: MigrationProgress;
}

/** The event stream's report of a migration: one per progress read and one at the end. */
export interface MigrationProgressEvent extends MigrationProgress {
  type: "migration-progress";
  vmId: string;
  name: string;
  /** The source host's id. */
  host: string;
  to: string;
  state: MigrationState;
  error?: string;
}
