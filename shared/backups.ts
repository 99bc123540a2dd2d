// The backup shapes the API returns and the browser shows.

export const BACKUP_MODES = ["auto", "full", "incremental"] as const;
export type BackupMode = typeof BACKUP_MODES[number];
export type BackupKind = "full" | "incremental";
export type BackupStatus = "running" | "succeeded" | "failed" | "cancelled" | "interrupted";

/**
 * How the bytes were taken: libvirt's backup API from a running or paused VM, or a copy of each
 * disk volume of a stopped VM (no checkpoint: the next backup of the running VM is full).
 */
export type BackupMethod = "backup" | "copy";

/** One disk of a backup: where it came from and the volume of the backup pool holding it. */
export interface BackupDisk {
  /** Guest device, e.g. "vda". */
  target: string;
  /** The VM's disk at backup time. */
  sourcePath: string;
  /** Its format ("qcow2", "raw"): a restore makes the same. */
  sourceFormat: string;
  /** The pool holding the VM's disk, or null when no pool does. */
  sourcePool: string | null;
  capacityBytes: number;
  /**
   * The backup volume's name in the backup pool, and its path (always qcow2); the path is ""
   * until the volume is made (a stopped VM's disk not copied yet).
   */
  volume: string;
  path: string;
}

export interface Backup {
  id: string;
  vmId: string;
  vmName: string;
  kind: BackupKind;
  method: BackupMethod;
  /** The backup an incremental builds on; null for a full one. */
  parentId: string | null;
  /** The libvirt checkpoint made with it (the next incremental's base), or null. */
  checkpoint: string | null;
  status: BackupStatus;
  startedAt: string;
  finishedAt: string | null;
  processedBytes: number;
  totalBytes: number;
  /** Bytes the backup's volumes take in the pool, once it succeeded. */
  sizeBytes: number | null;
  /** The retention count it was made with. */
  keep: number;
  /** libvirt's words when it failed. */
  error: string | null;
  /** Why it was full although an incremental was possible in principle, and the like. */
  note: string | null;
  pool: string;
  disks: BackupDisk[];
}

/** settings key "backups". */
export interface BackupSettings {
  /** The storage pool backups go to; null until chosen. */
  pool: string | null;
  /** Backups kept per VM when a backup does not say. */
  defaultKeep: number;
}

/** A pool the settings may choose: file-based, with its state. */
export interface BackupPoolChoice {
  name: string;
  type: string;
  active: boolean;
}
