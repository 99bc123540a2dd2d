// The scheduler's shapes as the API sends and receives them; shared with the islands (no imports).

/** What a scheduled job does to each of its VMs. */
export const SCHEDULE_OPERATIONS = ["start", "shutdown", "reboot", "snapshot", "backup"] as const;
export type ScheduleOperation = typeof SCHEDULE_OPERATIONS[number];

/** What a job does with a slot it missed (KVM Manager down, host asleep, clock jump). */
export const MISSED_POLICIES = ["run-once", "skip"] as const;
export type MissedPolicy = typeof MISSED_POLICIES[number];

export const BACKUP_MODES = ["auto", "full", "incremental"] as const;
export type BackupMode = typeof BACKUP_MODES[number];

/**
 * When a job runs, read in the job's time zone. `time` is "HH:MM" (24 h); weekly `days` are
 * 0 (Sunday) to 6; a monthly `day` past the month's end runs on its last day; `cron` is a 5- or
 * 6-field croner expression; `once` is an ISO time (UTC in answers).
 */
export type ScheduleTiming =
  | { kind: "once"; at: string }
  | { kind: "daily"; time: string }
  | { kind: "weekly"; days: number[]; time: string }
  | { kind: "monthly"; day: number; time: string }
  | { kind: "cron"; expression: string };

export type TimingKind = ScheduleTiming["kind"];
export const TIMING_KINDS: readonly TimingKind[] = ["once", "daily", "weekly", "monthly", "cron"];

/** Options of a backup job; the other operations take none. */
export interface BackupOptions {
  mode: BackupMode;
  /** Backups kept per VM; absent = the VM's or the default retention. */
  keep?: number;
  /**
   * A restic repository (id or name): the backup goes there instead of the backup pool (mode
   * and keep do not apply: the repository's keep policy does, at its prune).
   */
  repository?: string;
}

/** The body of POST /api/schedules and PUT /api/schedules/:id. */
export interface ScheduleInput {
  name: string;
  operation: ScheduleOperation;
  vmIds: string[];
  timing: ScheduleTiming;
  /** IANA zone; default the host's. */
  timezone?: string;
  /** Default "run-once". */
  missed?: MissedPolicy;
  options?: Partial<BackupOptions> | Record<string, never>;
  /** Default true. */
  enabled?: boolean;
}

/**
 * A job's own settings picked from a stored or checked job, in one order: the body that saves it
 * unchanged, and what two versions of a job are compared by (as JSON, so the order matters).
 */
export function scheduleInputOf(s: Required<ScheduleInput>): Required<ScheduleInput> {
  return {
    name: s.name,
    operation: s.operation,
    vmIds: s.vmIds,
    timing: s.timing,
    timezone: s.timezone,
    missed: s.missed,
    options: s.options,
    enabled: s.enabled,
  };
}

export type RunStatus =
  | "running"
  | "succeeded"
  | "partial"
  | "failed"
  | "skipped"
  | "interrupted";

/** Why a run happened: its slot came, a missed slot was caught up, or "Run now". */
export type RunTrigger = "schedule" | "catch-up" | "manual";

/** The outcome on one VM of a run. */
export interface VmRunResult {
  vmId: string;
  /** The VM's name at run time, else the last known one, else its id. */
  vmName: string;
  ok: boolean;
  error?: { code: string; message: string };
}

export interface ScheduleRun {
  id: number;
  scheduleId: string;
  scheduleName: string;
  operation: ScheduleOperation;
  /** The occurrence this run is for (for a manual run, when it was asked for). */
  slotAt: string;
  trigger: RunTrigger;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  /** Why the whole run was skipped or interrupted; per-VM errors are in `results`. */
  error: string | null;
  results: VmRunResult[];
}

export interface Schedule {
  id: string;
  name: string;
  operation: ScheduleOperation;
  vmIds: string[];
  /** Last known VM names by id (a deleted VM keeps its name here). */
  vmNames: Record<string, string>;
  timing: ScheduleTiming;
  timezone: string;
  missed: MissedPolicy;
  options: BackupOptions | Record<string, never>;
  enabled: boolean;
  /** Null when disabled, or a once job that is done or whose time has passed. */
  nextRunAt: string | null;
  lastRun: ScheduleRun | null;
  createdAt: string;
  updatedAt: string;
  /**
   * The policy that keeps this backup job ("profile:ID" or "vm:UUID", see ManagedJob), or null
   * for a job made by hand. A managed job cannot be edited or deleted through the API.
   */
  managedBy: string | null;
}

/**
 * A backup job a policy asks for (lib/profiles): "profile:ID" for a profile's VMs, "vm:UUID" for
 * a VM's local backup override. Scheduler.syncManaged keeps one job per owner.
 */
export interface ManagedJob {
  owner: string;
  /** Wanted name; " (2)", " (3)" … is added when another job has it. */
  name: string;
  vmIds: string[];
  timing: ScheduleTiming;
  timezone: string;
  options: { mode: BackupMode; keep: number; repository?: string };
}

/** The prefixes of ManagedJob.owner. */
export const MANAGED_BY_PROFILE = "profile:";
export const MANAGED_BY_VM = "vm:";
