// The shapes of off-host backup repositories (restic) as the API returns them (issue 47).

export const REPOSITORY_KINDS = ["local", "sftp", "s3"] as const;
export type RepositoryKind = typeof REPOSITORY_KINDS[number];

/** How many snapshots `forget --prune` keeps of each VM disk: each 0 means "no such rule". */
export interface KeepPolicy {
  last: number;
  daily: number;
  weekly: number;
  monthly: number;
}

/** A repository as listed: its password and S3 secret are never sent back. */
export interface Repository {
  id: string;
  name: string;
  kind: RepositoryKind;
  /** local: a folder; sftp: user@host:/path; s3: s3:https://host/bucket/path. */
  location: string;
  /** sftp: the private key file ssh uses (BatchMode, never a prompt). */
  keyFile: string | null;
  /** sftp: known_hosts with the server's key (StrictHostKeyChecking=yes); null: accept-new. */
  knownHostsFile: string | null;
  /** sftp: the server's port (default 22). */
  port: number | null;
  /** s3: the access key id (the secret key is write-only). */
  accessKeyId: string | null;
  hasSecretKey: boolean;
  hasPassword: true;
  keep: KeepPolicy;
  /** A 5-field cron expression for `check`, or null. */
  checkSchedule: string | null;
  createdAt: number;
}

/** One VM backup in a repository: a snapshot per disk and one of the VM's metadata. */
export interface RepositoryBackup {
  /** Our id of the backup (the snapshots' tag backup:ID). */
  id: string;
  vmId: string;
  vmName: string;
  hostId: string;
  /** ISO time of the metadata snapshot. */
  time: string;
  /** The metadata snapshot's id. */
  metaSnapshot: string;
  disks: { target: string; snapshot: string }[];
}

/** What a finished repository job answers. */
export interface ResticJob {
  id: string;
  /** backup, restore, restore-in-place, restore-disk, prune, check. */
  kind: string;
  repository: string;
  status: "running" | "succeeded" | "failed" | "cancelled";
  taskId: number | null;
  error: { code: string; message: string } | null;
  /** backup: {backupId, disks: [{target, dataAdded, bytes}]}; restore: {id, name}; … */
  result: Record<string, unknown> | null;
}
