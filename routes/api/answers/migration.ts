// What the migration routes answer (routes/api/migration.ts): one migration of one VM.

import { z } from "zod";
import type { MigrationJob as Job } from "../../../shared/migration.ts";
import { describes } from "./describes.ts";

const State = z.enum(["running", "completed", "failed", "cancelled"]);

/** A migration as it stands: started, running, or its outcome. */
export const MigrationJob = describes<Job>()(
  z.object({
    id: z.string(),
    vmId: z.string().meta({ description: "The VM's UUID (the same on both hosts)" }),
    name: z.string(),
    from: z.string().meta({ description: "The source host's id" }),
    to: z.string().meta({ description: "The destination host's id" }),
    toName: z.string(),
    live: z.boolean(),
    copyStorage: z.boolean(),
    offline: z.boolean(),
    state: State,
    startedAt: z.string().meta({ description: "ISO 8601" }),
    finishedAt: z.string().optional(),
    error: z.string().optional().meta({
      description: "Why it failed or how it was cancelled, in libvirt's words",
    }),
    errorCode: z.string().optional().meta({
      description: "The API error code matching error (LIBVIRT_ERROR, INVALID_STATE …)",
    }),
    progress: z.object({
      phase: z.enum([
        "starting",
        "copying-storage",
        "copying-memory",
        "finishing",
        "completed",
        "failed",
        "cancelled",
      ]),
      dataProcessed: z.number(),
      dataTotal: z.number(),
      dataRemaining: z.number(),
      percent: z.number().meta({ description: "0 to 100" }),
    }).meta({ description: "Bytes as libvirt's job statistics count them" }),
  }).meta({ id: "MigrationJob" }),
);

/** GET /api/vms/{id}/migration: null only with none=null, when there was none. */
export const MigrationStatus = MigrationJob.nullable();
