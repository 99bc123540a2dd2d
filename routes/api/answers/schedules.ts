// What the scheduled operations routes answer (routes/api/schedules.ts).

import { z } from "zod";
import {
  BACKUP_MODES,
  type BackupOptions as Options,
  MISSED_POLICIES,
  type Schedule as ScheduleType,
  SCHEDULE_OPERATIONS,
  type ScheduleRun as Run,
  type ScheduleTiming as Timing,
  type VmRunResult as VmResult,
} from "../../../shared/scheduler.ts";
import { describes } from "./describes.ts";
import { FailureWords } from "./parts.ts";

const Operation = z.enum(SCHEDULE_OPERATIONS);

export const ScheduleTiming = describes<Timing>()(
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("once"), at: z.string().meta({ description: "ISO 8601, UTC" }) }),
    z.object({ kind: z.literal("daily"), time: z.string().meta({ description: "HH:MM (24 h)" }) }),
    z.object({
      kind: z.literal("weekly"),
      days: z.array(z.number().int()).meta({ description: "0 (Sunday) to 6" }),
      time: z.string(),
    }),
    z.object({
      kind: z.literal("monthly"),
      day: z.number().int().meta({ description: "Past the month's end: its last day" }),
      time: z.string(),
    }),
    z.object({
      kind: z.literal("cron"),
      expression: z.string().meta({ description: "A 5- or 6-field croner expression" }),
    }),
  ]).meta({
    id: "ScheduleTiming",
    description: "When a job runs, read in the job's time zone",
  }),
);

const BackupOptions = describes<Options>()(
  z.object({
    mode: z.enum(BACKUP_MODES),
    keep: z.number().int().optional().meta({
      description: "Backups kept per VM; absent: the VM's or the default retention",
    }),
    repository: z.string().optional().meta({
      description: "A restic repository (id or name) the backup goes to instead of the pool",
    }),
  }),
);

const VmRunResult = describes<VmResult>()(
  z.object({
    vmId: z.string(),
    vmName: z.string().meta({
      description: "The VM's name at run time, else the last known one, else its id",
    }),
    ok: z.boolean(),
    error: FailureWords.optional(),
  }),
);

export const ScheduleRun = describes<Run>()(
  z.object({
    id: z.number().int(),
    scheduleId: z.string(),
    scheduleName: z.string(),
    operation: Operation,
    slotAt: z.string().meta({
      description: "The occurrence this run is for (a manual run: when it was asked for)",
    }),
    trigger: z.enum(["schedule", "catch-up", "manual"]),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: z.enum(["running", "succeeded", "partial", "failed", "skipped", "interrupted"]),
    error: z.string().nullable().meta({
      description: "Why the whole run was skipped or interrupted; per-VM errors are in results",
    }),
    results: z.array(VmRunResult),
  }).meta({ id: "ScheduleRun" }),
);

export const Schedule = describes<ScheduleType>()(
  z.object({
    id: z.string(),
    name: z.string(),
    operation: Operation,
    vmIds: z.array(z.string()),
    vmNames: z.record(z.string(), z.string()).meta({
      description: "Last known VM names by id (a deleted VM keeps its name here)",
    }),
    timing: ScheduleTiming,
    timezone: z.string().meta({ description: "IANA zone" }),
    missed: z.enum(MISSED_POLICIES),
    options: z.union([BackupOptions, z.strictObject({})]).meta({
      description: "A backup job's options; {} for the other jobs",
    }),
    enabled: z.boolean(),
    nextRunAt: z.string().nullable().meta({
      description: "Null when disabled, or a once job that is done or whose time has passed",
    }),
    lastRun: ScheduleRun.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    managedBy: z.string().nullable().meta({
      description: 'The policy that keeps this job ("profile:ID" or "vm:UUID"), or null for a ' +
        "job made by hand (which alone the API may edit or delete)",
    }),
  }).meta({ id: "Schedule" }),
);

export const ScheduleList = z.object({ schedules: z.array(Schedule) });

export const ScheduleRunList = z.object({
  runs: z.array(ScheduleRun).meta({ description: "Newest first" }),
});

export const SchedulePreview = z.object({
  next: z.array(z.string()).meta({ description: "The next five runs, ISO 8601 (UTC)" }),
  timezone: z.string(),
});

export const ScheduleRunStarted = z.object({ runId: z.number().int() });
