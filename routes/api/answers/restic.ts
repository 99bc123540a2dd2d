// What the off-host backup repository routes answer (routes/api/restic.ts).

import { z } from "zod";
import {
  type KeepPolicy as Keep,
  type Repository as Repo,
  REPOSITORY_KINDS,
  type RepositoryBackup as Backup,
  type ResticJob as Job,
} from "../../../shared/restic.ts";
import { describes } from "./describes.ts";
import { FailureWords } from "./parts.ts";

const KeepPolicy = describes<Keep>()(
  z.object({
    last: z.number().int(),
    daily: z.number().int(),
    weekly: z.number().int(),
    monthly: z.number().int(),
  }).meta({
    description: "Snapshots `forget --prune` keeps of each VM disk, per rule; 0: no such rule",
  }),
);

export const ResticRepository = describes<Repo>()(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(REPOSITORY_KINDS),
    location: z.string().meta({
      description: "local: a folder; sftp: user@host:/path; s3: s3:https://host/bucket/path",
    }),
    keyFile: z.string().nullable().meta({ description: "sftp: the private key file ssh uses" }),
    knownHostsFile: z.string().nullable().meta({
      description: "sftp: known_hosts with the server's key; null: accept-new",
    }),
    port: z.number().int().nullable().meta({ description: "sftp: the server's port" }),
    accessKeyId: z.string().nullable().meta({
      description: "s3: the access key id (the secret key is write-only)",
    }),
    hasSecretKey: z.boolean(),
    hasPassword: z.literal(true).meta({ description: "The password is write-only: never sent" }),
    keep: KeepPolicy,
    checkSchedule: z.string().nullable().meta({
      description: "A 5-field cron expression for restic check, or null",
    }),
    createdAt: z.number().meta({ description: "Epoch ms" }),
  }).meta({ id: "ResticRepository" }),
);

export const ResticRepositoryList = z.array(ResticRepository);

export const ResticRepositoryBackup = describes<Backup>()(
  z.object({
    id: z.string().meta({ description: "Our id of the backup (the snapshots' tag backup:ID)" }),
    vmId: z.string(),
    vmName: z.string(),
    hostId: z.string(),
    time: z.string().meta({ description: "ISO 8601: the metadata snapshot's time" }),
    metaSnapshot: z.string().meta({ description: "The metadata snapshot's id" }),
    disks: z.array(z.object({ target: z.string(), snapshot: z.string() })).meta({
      description: "A restic snapshot per disk",
    }),
  }).meta({ id: "ResticRepositoryBackup" }),
);

export const ResticRepositoryBackupList = z.array(ResticRepositoryBackup);

export const ResticJob = describes<Job>()(
  z.object({
    id: z.string(),
    kind: z.string().meta({
      description: "backup, restore, restore-in-place, restore-disk, prune or check",
    }),
    repository: z.string().meta({ description: "The repository's id" }),
    status: z.enum(["running", "succeeded", "failed", "cancelled"]),
    taskId: z.number().int().nullable().meta({ description: "Its task in the task log" }),
    error: FailureWords.nullable(),
    result: z.record(z.string(), z.unknown()).nullable().meta({
      description: "Once succeeded, by kind: backup {backupId, vm: {uuid, name}, disks: " +
        "[{target, snapshot, bytes, dataAdded}]}; restore {id, name, host?}; restore-in-place " +
        "{id, name, disks, definition}; restore-disk {pool, volume, path}; prune {kept, " +
        "removed}; check {ok: true}. Null until then",
    }),
  }).meta({ id: "ResticJob" }),
);
