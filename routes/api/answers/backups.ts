// What the backup routes answer (routes/api/backups.ts).

import { z } from "zod";
import type {
  Backup as BackupType,
  BackupDisk as Disk,
  BackupPoolChoice as PoolChoice,
  BackupSettings as Settings,
} from "../../../shared/backups.ts";
import { describes } from "./describes.ts";

const BackupDisk = describes<Disk>()(
  z.object({
    target: z.string().meta({ description: 'Guest device, e.g. "vda"' }),
    sourcePath: z.string().meta({ description: "The VM's disk at backup time" }),
    sourceFormat: z.string().meta({ description: '"qcow2", "raw": a restore makes the same' }),
    sourcePool: z.string().nullable(),
    capacityBytes: z.number(),
    volume: z.string().meta({ description: "The backup volume's name in the backup pool" }),
    path: z.string().meta({ description: 'Its path (always qcow2); "" until the volume is made' }),
  }),
);

export const Backup = describes<BackupType>()(
  z.object({
    id: z.string(),
    vmId: z.string(),
    vmName: z.string(),
    kind: z.enum(["full", "incremental"]),
    method: z.enum(["backup", "copy"]).meta({
      description: "libvirt's backup API (running or paused VM), or a copy of a stopped VM's disks",
    }),
    parentId: z.string().nullable().meta({
      description: "The backup an incremental builds on; null for a full one",
    }),
    checkpoint: z.string().nullable().meta({
      description: "The libvirt checkpoint made with it (the next incremental's base)",
    }),
    status: z.enum(["running", "succeeded", "failed", "cancelled", "interrupted"]),
    startedAt: z.string().meta({ description: "ISO 8601" }),
    finishedAt: z.string().nullable(),
    processedBytes: z.number(),
    totalBytes: z.number(),
    sizeBytes: z.number().nullable().meta({
      description: "Bytes its volumes take in the pool, once it succeeded",
    }),
    keep: z.number().int().meta({ description: "The retention count it was made with" }),
    error: z.string().nullable().meta({ description: "libvirt's words when it failed" }),
    note: z.string().nullable(),
    pool: z.string(),
    disks: z.array(BackupDisk),
  }).meta({ id: "Backup" }),
);

export const BackupList = z.array(Backup);

export const BackupSettings = describes<Settings>()(
  z.object({
    pool: z.string().nullable().meta({
      description: "The storage pool backups go to; null until chosen",
    }),
    defaultKeep: z.number().int().meta({
      description: "Backups kept per VM when one does not say",
    }),
  }).meta({ id: "BackupSettings" }),
);

const BackupPoolChoice = describes<PoolChoice>()(
  z.object({ name: z.string(), type: z.string(), active: z.boolean() }),
);

/** The settings, with the file-based pools they may choose. */
export const BackupSettingsView = BackupSettings.extend({
  pools: z.array(BackupPoolChoice).meta({
    description: "The file-based pools (dir, fs, netfs) the settings may choose, active or not",
  }),
}).meta({ id: "BackupSettingsView" });

/** A restore: the new VM. */
export const BackupRestored = z.object({ id: z.string(), name: z.string() }).meta({
  description: "The new, stopped VM",
});
