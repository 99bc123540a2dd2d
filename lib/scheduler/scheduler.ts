// Scheduled operations: jobs in SQLite, next-run math (once, daily, weekly, monthly, cron via
// croner), missed-run policy, run history, at most one run per slot even across kill -9. Backup
// jobs that profiles' policies keep are synced in by syncManaged and refused to the API's edits.
// Owner: the scheduler work (issue 6; managed jobs issue 10).

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import type { AppEvent } from "../../shared/events.ts";
import { checkManagedJob, checkScheduleInput, previewRuns } from "./input.ts";
import { type JobRow, refuseManaged, scheduleOf, ScheduleRepo } from "./repo.ts";
import { nextRunAfter } from "./timing.ts";
import { two, zonedParts } from "../../shared/zoned_time.ts";
import { currentTask, outsideTask, withTask } from "../tasks/current.ts";
import type { TaskHandle } from "../tasks/handle.ts";
import type { TaskLog } from "../tasks/log.ts";
import { scheduledTitle } from "../tasks/titles.ts";
import { withLanguage } from "../i18n/scope.ts";
import { DEFAULT_LANGUAGE } from "../../shared/i18n/languages.ts";
import { t } from "../../shared/i18n/t.ts";
import type {
  ManagedJob,
  RunStatus,
  RunTrigger,
  Schedule,
  ScheduleOperation,
  ScheduleRun,
  VmRunResult,
} from "../../shared/scheduler.ts";

export type { ScheduleOperation } from "../../shared/scheduler.ts";

/** Runs one operation on one VM; throws AppError with the API's words on failure. */
export type OperationRunner = (
  operation: ScheduleOperation,
  vmId: string,
  options: Record<string, unknown>,
) => Promise<void>;

/** Wall-clock time and timers, injected so tests control them. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
};

export interface SchedulerDeps {
  store: Store;
  run: OperationRunner;
  emit: (e: AppEvent) => void;
  clock?: Clock;
  /** The VM's name for run history, or null when it no longer exists. */
  vmName: (id: string) => Promise<string | null>;
  /** Where failures of the scheduler itself go (default console.error). */
  log?: (message: string) => void;
  /** The task log: each run is a task ("scheduler" started it, or the user of "Run now"). */
  tasks?: Pick<TaskLog, "start">;
  /** This host's id, for the tasks. */
  hostId?: string;
}

/**
 * A slot found due more than this late was missed (KVM Manager was down, the host slept, the
 * clock jumped): the job's missed policy decides. Timers wake within milliseconds otherwise.
 */
export const GRACE_MS = 2 * 60_000;
/** The longest the timer sleeps, so a clock jump is noticed within a minute. */
export const MAX_SLEEP_MS = 60_000;
/** The wait before processing jobs found already due when the timer is armed. */
const RETRY_MS = 1000;
export const RUN_LIMIT_MAX = 200;

export const INTERRUPTED = "KVM Manager stopped during this run";
export const STILL_RUNNING = "Skipped: the previous run of this job was still going";

export class Scheduler {
  readonly #repo: ScheduleRepo;
  readonly #clock: Clock;
  readonly #log: (message: string) => void;
  #timer: unknown = null;
  #started = false;
  #closed = false;
  /** Runs executing in this process, by job id. */
  readonly #active = new Map<string, Promise<void>>();

  constructor(readonly deps: SchedulerDeps) {
    this.#repo = new ScheduleRepo(deps.store);
    this.#clock = deps.clock ?? systemClock;
    this.#log = deps.log ?? ((m) => console.error(m));
  }

  /** Marks runs a crash interrupted (they are never run again), then arms the timer. */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    try {
      for (const run of this.#repo.interruptRunning(this.#clock.now(), INTERRUPTED)) {
        this.#emit(run.scheduleId, run.id, "interrupted");
      }
    } catch (err) {
      this.#log(`Scheduler: cannot mark interrupted runs: ${(err as Error).message}`);
    }
    this.#arm();
  }

  /**
   * Stops the timer. Runs still going are not waited for: if the process ends first, they
   * show as interrupted on the next start.
   */
  close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    return Promise.resolve();
  }

  /** Processes the jobs due now, then resolves when the runs it started have finished. */
  async tick(): Promise<void> {
    const started = this.#processDue();
    this.#arm();
    await Promise.all(started);
  }

  /** Resolves when no run is executing in this process. */
  async idle(): Promise<void> {
    while (this.#active.size > 0) await Promise.all(this.#active.values());
  }

  // --- the API -------------------------------------------------------------------------------

  list(): Schedule[] {
    const last = this.#repo.lastRuns();
    return this.#repo.list().map((job) => scheduleOf(job, last.get(job.id) ?? null));
  }

  get(id: string): Schedule {
    const job = this.#repo.get(id);
    return scheduleOf(job, this.#repo.lastRun(id));
  }

  async create(input: unknown): Promise<Schedule> {
    const now = this.#clock.now();
    const s = checkScheduleInput(input, { now });
    const names = await this.#names(s.vmIds);
    refuseUnknownVms(s.vmIds, names, []);
    const next = s.enabled ? nextRunAfter(s.timing, s.timezone, now) : null;
    const job = this.#repo.insert(s, names, next, now);
    this.#arm();
    return scheduleOf(job, null);
  }

  /**
   * Full replace; VMs the job already had may be gone (their runs record "VM not found"), new
   * ones must exist. The next run is recomputed from now when timing, zone or enabled change.
   */
  async replace(id: string, input: unknown): Promise<Schedule> {
    const now = this.#clock.now();
    const old = this.#repo.get(id);
    refuseManaged(old);
    const s = checkScheduleInput(input, {
      now,
      previousAt: old.timing.kind === "once" ? old.timing.at : null,
    });
    const names = await this.#names(s.vmIds);
    refuseUnknownVms(s.vmIds, names, old.vmIds);
    const job = this.#repo.replace(id, s, names, (stored) => {
      if (!s.enabled) return null;
      const same = stored.enabled && stored.timezone === s.timezone &&
        JSON.stringify(stored.timing) === JSON.stringify(s.timing);
      if (same) return stored.nextRunAt;
      // Never before a slot already claimed: a clock set back must not repeat it.
      return nextRunAfter(s.timing, s.timezone, Math.max(now, this.#repo.lastSlot(id) ?? now));
    }, now);
    this.#arm();
    return scheduleOf(job, this.#repo.lastRun(id));
  }

  delete(id: string): void {
    this.#repo.delete(id);
    this.#arm();
  }

  /**
   * Makes the backup jobs policies keep exactly `jobs` (one per owner; see ManagedJob), in one
   * store write that joins the caller's transaction if any: new owners get a job, changed ones
   * are updated (their next run recomputed only when timing or zone changed), jobs of owners
   * not listed are deleted; jobs made by hand are left alone. Throws AppError 400 for a bad job
   * (nothing written). The promise resolves once the VMs' names are looked up for the list; it
   * never rejects.
   */
  syncManaged(jobs: ManagedJob[]): Promise<void> {
    const now = this.#clock.now();
    const checked = jobs.map(checkManagedJob);
    const stored = this.#repo.syncManaged(checked, (job, old) => {
      if (
        old && old.timezone === job.timezone && old.nextRunAt !== null &&
        JSON.stringify(old.timing) === JSON.stringify(job.timing)
      ) return old.nextRunAt;
      // Never before a slot already claimed: a clock set back must not repeat it.
      const after = old ? Math.max(now, this.#repo.lastSlot(old.id) ?? now) : now;
      return nextRunAfter(job.timing, job.timezone, after);
    }, now);
    this.#arm();
    return Promise.all(stored.map(async (job) => {
      const unnamed = job.vmIds.filter((id) => !(id in job.vmNames));
      if (unnamed.length === 0) return;
      const names = await this.#names(unnamed);
      this.#write(`job ${job.name}`, () => this.#repo.rememberNames(job.id, names));
    })).then(() => {});
  }

  /** "Run now": a manual run with slot = now, started in the background. */
  runNow(id: string): { runId: number } {
    this.#repo.get(id);
    if (this.#active.has(id)) {
      throw new AppError(
        "SCHEDULE_RUNNING",
        t("This job is running now; wait for its run to finish"),
      );
    }
    const now = this.#clock.now();
    const { job, runId } = this.#repo.claimManual(id, now);
    this.#emit(id, runId, "running");
    this.#execute(job, runId, now, "manual");
    return { runId };
  }

  runs(id: string | null, limit: number): ScheduleRun[] {
    if (id !== null) this.#repo.get(id);
    return this.#repo.runs(id, limit);
  }

  run(runId: number): ScheduleRun | null {
    return this.#repo.run(runId);
  }

  /** The next five runs of a timing in a zone, from now (for the form). */
  preview(input: unknown): { next: string[]; timezone: string } {
    return previewRuns(input, this.#clock.now());
  }

  // --- the loop ------------------------------------------------------------------------------

  #arm() {
    if (!this.#started || this.#closed) return;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    let delay = MAX_SLEEP_MS;
    try {
      const earliest = this.#repo.earliest();
      if (earliest !== null) {
        // Still due after processing means its claim failed (logged): retry, but not in a spin.
        const wait = earliest - this.#clock.now();
        delay = wait <= 0 ? RETRY_MS : Math.min(wait, MAX_SLEEP_MS);
      }
    } catch (err) {
      this.#log(`Scheduler: cannot read the next run: ${(err as Error).message}`);
    }
    // Re-armed inside requests (a schedule saved, a profile synced): the timer's runs are the
    // scheduler's own, never part of the task of the request that happened to arm it, nor in
    // its language (what a run records is kept in English for everyone).
    this.#timer = this.#clock.setTimeout(
      () =>
        outsideTask(() =>
          withLanguage(DEFAULT_LANGUAGE, () => {
            this.#timer = null;
            this.#processDue();
            this.#arm();
          })
        ),
      delay,
    );
  }

  /** Claims every due slot (synchronously, one transaction each) and starts its run. */
  #processDue(): Promise<void>[] {
    if (this.#closed) return [];
    const started: Promise<void>[] = [];
    let due: JobRow[];
    try {
      due = this.#repo.due(this.#clock.now());
    } catch (err) {
      this.#log(`Scheduler: cannot read due jobs: ${(err as Error).message}`);
      return [];
    }
    for (const job of due) {
      try {
        const run = this.#claimDue(job);
        if (run) started.push(run);
      } catch (err) {
        this.#log(`Scheduler: job ${job.name}: ${(err as Error).message}`);
      }
    }
    return started;
  }

  #claimDue(job: JobRow): Promise<void> | null {
    const slot = job.nextRunAt!;
    const now = this.#clock.now();
    const nextRunAt = nextRunAfter(job.timing, job.timezone, Math.max(now, slot));
    const missed = now - slot > GRACE_MS;
    let skip: string | null = null;
    if (this.#active.has(job.id)) skip = STILL_RUNNING;
    else if (missed && job.missed === "skip") {
      skip = `Skipped: missed at ${new Date(slot).toISOString()} (KVM Manager was not running ` +
        "or the clock jumped) and this job skips missed runs";
    }
    const cause: RunTrigger = missed ? "catch-up" : "schedule";
    const runId = this.#repo.claim(job.id, slot, {
      cause,
      status: skip ? "skipped" : "running",
      error: skip,
      nextRunAt,
      now,
    });
    if (runId === null) return null;
    if (skip) {
      this.#emit(job.id, runId, "skipped");
      return null;
    }
    this.#emit(job.id, runId, "running");
    return this.#execute(job, runId, slot, cause);
  }

  /**
   * Runs the operation on each VM in turn, recording each result; never throws. In English, also
   * for "Run now": the results and the task's end are kept for everyone, whoever asked.
   */
  #execute(job: JobRow, runId: number, slot: number, cause: RunTrigger): Promise<void> {
    return withLanguage(DEFAULT_LANGUAGE, () => this.#executeInEnglish(job, runId, slot, cause));
  }

  #executeInEnglish(
    job: JobRow,
    runId: number,
    slot: number,
    cause: RunTrigger,
  ): Promise<void> {
    const task = this.#taskOf(job, cause);
    const work = (async () => {
      const results: VmRunResult[] = [];
      const names: Record<string, string> = {};
      for (const vmId of job.vmIds) {
        const current = await this.deps.vmName(vmId).catch(() => null);
        if (current) names[vmId] = current;
        const vmName = current ?? job.vmNames[vmId] ?? vmId;
        try {
          // A step of this run's task: the backup it starts must not take the task over.
          await withTask(
            null,
            () => this.deps.run(job.operation, vmId, optionsFor(job, slot, cause)),
          );
          results.push({ vmId, vmName, ok: true });
        } catch (err) {
          results.push({ vmId, vmName, ok: false, error: errorOf(err) });
        }
        task?.progress(results.length / job.vmIds.length);
        this.#write(`job ${job.name}`, () => this.#repo.progress(runId, results));
      }
      const failed = results.filter((r) => !r.ok).length;
      const status: RunStatus = failed === 0
        ? "succeeded"
        : failed === results.length
        ? "failed"
        : "partial";
      this.#write(`job ${job.name}`, () => {
        this.#repo.finish(runId, status, results, this.#clock.now());
        this.#repo.rememberNames(job.id, names);
      });
      this.#emit(job.id, runId, status);
      endRunTask(task, results);
    })().catch((err) => {
      this.#log(`Scheduler: job ${job.name}: ${(err as Error).message}`);
      task?.fail(err);
    })
      .finally(() => {
        if (this.#active.get(job.id) === work) this.#active.delete(job.id);
      });
    this.#active.set(job.id, work);
    return work;
  }

  /**
   * The run's task: "Run now" follows the request's; a run the timer started is the
   * scheduler's own (whatever task the code calling it belongs to: only a manual run is a
   * request's).
   */
  #taskOf(job: JobRow, cause: RunTrigger): TaskHandle | undefined {
    const request = cause === "manual" ? currentTask() : undefined;
    if (request) {
      request.update({ vmIds: job.vmIds });
      return request.follow();
    }
    try {
      return this.deps.tasks?.start({
        action: "schedule.run",
        title: scheduledTitle(job.operation),
        user: "scheduler",
        target: { kind: "schedule", id: job.id, name: job.name },
        hostId: this.deps.hostId ?? "local",
        vmIds: job.vmIds,
      });
    } catch (err) {
      this.#log(`Scheduler: job ${job.name}: no task: ${(err as Error).message}`);
      return undefined;
    }
  }

  #write(what: string, fn: () => void) {
    try {
      fn();
    } catch (err) {
      // After close() the store may be gone: the run then shows as interrupted on restart.
      if (!this.#closed) this.#log(`Scheduler: ${what}: ${(err as Error).message}`);
    }
  }

  #emit(scheduleId: string, runId: number, status: string) {
    try {
      this.deps.emit({ type: "schedule-run", scheduleId, runId, status });
    } catch (err) {
      this.#log(`Scheduler: event not sent: ${(err as Error).message}`);
    }
  }

  async #names(ids: string[]): Promise<Record<string, string>> {
    const names: Record<string, string> = {};
    // Only "no such VM" (null) makes a VM unknown: libvirtd being down is its own answer (503),
    // never a reason to call a real VM unknown.
    await Promise.all(ids.map(async (id) => {
      const name = await this.deps.vmName(id);
      if (name) names[id] = name;
    }));
    return names;
  }
}

/** 400 INVALID_VMS for a VM the host does not have (`kept`: ids a stored job already had). */
function refuseUnknownVms(ids: string[], names: Record<string, string>, kept: string[]) {
  const unknown = ids.filter((id) => !(id in names) && !kept.includes(id));
  if (unknown.length === 0) return;
  throw new AppError(
    "INVALID_VMS",
    t("vmIds: no VM with UUID {{ids}} on this host: pick VMs from its list", {
      ids: unknown.join(", "),
    }),
    { vmIds: unknown },
  );
}

/** A run's task ends failed when any VM failed, in the failed VMs' words. */
function endRunTask(task: TaskHandle | undefined, results: VmRunResult[]) {
  if (!task) return;
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return task.succeed();
  const words = failed.map((r) => `${r.vmName}: ${r.error?.message}`).join("; ");
  task.fail({
    code: failed[0].error?.code ?? "INTERNAL_ERROR",
    message: failed.length === results.length
      ? words
      : `${failed.length} of ${results.length} VMs failed: ${words}`,
  });
}

function errorOf(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: "ERROR", message: err instanceof Error ? err.message : String(err) };
}

/** The operation's options: a snapshot's name and description, a backup's mode and keep. */
export function optionsFor(
  job: Pick<JobRow, "name" | "operation" | "options" | "timezone">,
  slot: number,
  cause: RunTrigger = "schedule",
): Record<string, unknown> {
  if (job.operation === "backup") return { ...job.options };
  if (job.operation !== "snapshot") return {};
  const p = zonedParts(slot, job.timezone);
  const stamp = `${p.year}${two(p.month)}${two(p.day)}-${two(p.hour)}${two(p.minute)}` +
    (p.second ? two(p.second) : "");
  const local = `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
  return {
    name: `${snapshotSlug(job.name)}-${stamp}`,
    description: cause === "manual"
      ? `Run now of scheduled job "${job.name}" at ${local} (${job.timezone})`
      : `Scheduled by job "${job.name}" for ${local} (${job.timezone})`,
  };
}

/** A job name as the start of a snapshot name: [A-Za-z0-9._-], at most 48 characters. */
export function snapshotSlug(name: string): string {
  const slug = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/-{2,}/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "").slice(0, 48).replace(/[^A-Za-z0-9]+$/, "");
  return slug || "schedule";
}
