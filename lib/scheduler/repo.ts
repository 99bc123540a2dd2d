// The schedules and schedule_runs tables: jobs, claims of a slot, and run history.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { Store } from "../store.ts";
import { type CheckedManagedJob, type CheckedSchedule, freeNames } from "./input.ts";
import {
  type BackupOptions,
  MANAGED_BY_VM,
  type MissedPolicy,
  type RunStatus,
  type RunTrigger,
  type Schedule,
  scheduleInputOf,
  type ScheduleOperation,
  type ScheduleRun,
  type ScheduleTiming,
  type VmRunResult,
} from "../../shared/scheduler.ts";

/** Runs kept per job; older ones are deleted as new ones are recorded. */
export const RUNS_KEPT = 200;

export const scheduleNotFound = (id: string) =>
  new AppError("SCHEDULE_NOT_FOUND", t("Scheduled job not found: {{id}}", { id }));

/** 409 MANAGED_BY_PROFILE when a policy keeps this job: it changes only with the policy. */
export function refuseManaged(job: JobRow): void {
  if (job.managedBy === null) return;
  throw new AppError(
    "MANAGED_BY_PROFILE",
    job.managedBy.startsWith(MANAGED_BY_VM)
      ? t("This job is kept by a VM's local backup override: change or remove the override instead")
      : t(
        "This job is kept by a profile's backup policy: change the profile (or the VM's local override) instead",
      ),
  );
}

/** A job as the scheduler works with it: the API's fields with times in ms. */
export interface JobRow extends CheckedSchedule {
  id: string;
  vmNames: Record<string, string>;
  nextRunAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** The policy that keeps it (ManagedJob.owner), or null. */
  managedBy: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function jobOf(row: Record<string, unknown>): JobRow {
  return {
    id: String(row.id),
    name: String(row.name),
    operation: row.operation as ScheduleOperation,
    vmIds: JSON.parse(String(row.vm_ids)),
    vmNames: JSON.parse(String(row.vm_names)),
    timing: JSON.parse(String(row.timing)) as ScheduleTiming,
    timezone: String(row.timezone),
    missed: row.missed as MissedPolicy,
    options: JSON.parse(String(row.options)) as BackupOptions | Record<string, never>,
    enabled: Number(row.enabled) === 1,
    nextRunAt: row.next_run_at === null ? null : Number(row.next_run_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    managedBy: row.managed_by === null || row.managed_by === undefined
      ? null
      : String(row.managed_by),
  };
}

function runOf(row: Record<string, unknown>): ScheduleRun {
  return {
    id: Number(row.id),
    scheduleId: String(row.schedule_id),
    scheduleName: String(row.schedule_name),
    operation: row.operation as ScheduleOperation,
    slotAt: iso(Number(row.slot_at)),
    trigger: row.cause as RunTrigger,
    startedAt: iso(Number(row.started_at)),
    finishedAt: row.finished_at === null ? null : iso(Number(row.finished_at)),
    status: row.status as RunStatus,
    error: row.error === null ? null : String(row.error),
    results: JSON.parse(String(row.results)) as VmRunResult[],
  };
}

/** A job row as the API answers it. */
export function scheduleOf(job: JobRow, lastRun: ScheduleRun | null): Schedule {
  return {
    id: job.id,
    name: job.name,
    operation: job.operation,
    vmIds: job.vmIds,
    vmNames: job.vmNames,
    timing: job.timing,
    timezone: job.timezone,
    missed: job.missed,
    options: job.options,
    enabled: job.enabled,
    nextRunAt: job.nextRunAt === null ? null : iso(job.nextRunAt),
    lastRun,
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    managedBy: job.managedBy,
  };
}

/** What a claim records: a run that starts now, or one skipped with its reason. */
export interface Claim {
  cause: RunTrigger;
  status: "running" | "skipped";
  error: string | null;
  /** The job's next occurrence after this slot (null: none, e.g. a once job). */
  nextRunAt: number | null;
  now: number;
}

const EDITABLE = [
  "name",
  "operation",
  "vm_ids",
  "vm_names",
  "timing",
  "timezone",
  "missed",
  "options",
  "enabled",
  "next_run_at",
];

function editableValues(s: CheckedSchedule, vmNames: Record<string, string>, next: number | null) {
  return [
    s.name,
    s.operation,
    JSON.stringify(s.vmIds),
    JSON.stringify(vmNames),
    JSON.stringify(s.timing),
    s.timezone,
    s.missed,
    JSON.stringify(s.options),
    s.enabled ? 1 : 0,
    next,
  ];
}

/** Whether a stored job already is `s` (its next run aside). */
function sameJob(old: JobRow, s: CheckedSchedule): boolean {
  return JSON.stringify(scheduleInputOf(old)) === JSON.stringify(scheduleInputOf(s));
}

export class ScheduleRepo {
  constructor(readonly store: Store) {}

  get #db() {
    return this.store.db;
  }

  list(): JobRow[] {
    return this.#db.prepare("SELECT * FROM schedules ORDER BY name").all().map(jobOf);
  }

  find(id: string): JobRow | null {
    const row = this.#db.prepare("SELECT * FROM schedules WHERE id = ?").get(id);
    return row ? jobOf(row) : null;
  }

  get(id: string): JobRow {
    const job = this.find(id);
    if (!job) throw scheduleNotFound(id);
    return job;
  }

  /** The newest run of each job, by job id. */
  lastRuns(): Map<string, ScheduleRun> {
    const rows = this.#db.prepare(
      `SELECT r.* FROM schedule_runs r
       JOIN (SELECT max(id) AS id FROM schedule_runs GROUP BY schedule_id) m ON r.id = m.id`,
    ).all();
    return new Map(rows.map((r) => [String(r.schedule_id), runOf(r)]));
  }

  lastRun(id: string): ScheduleRun | null {
    const row = this.#db.prepare(
      "SELECT * FROM schedule_runs WHERE schedule_id = ? ORDER BY id DESC LIMIT 1",
    ).get(id);
    return row ? runOf(row) : null;
  }

  #nameTaken(name: string, exceptId: string | null) {
    const row = this.#db.prepare("SELECT id FROM schedules WHERE name = ? AND id IS NOT ?")
      .get(name, exceptId);
    if (row) {
      throw new AppError(
        "SCHEDULE_EXISTS",
        t("A scheduled job named {{name}} already exists", { name }),
      );
    }
  }

  insert(
    s: CheckedSchedule,
    vmNames: Record<string, string>,
    nextRunAt: number | null,
    now: number,
  ): JobRow {
    return this.store.write(() => {
      this.#nameTaken(s.name, null);
      const id = crypto.randomUUID();
      this.#db.prepare(
        `INSERT INTO schedules (${EDITABLE.join(", ")}, id, created_at, updated_at)
         VALUES (${EDITABLE.map(() => "?").join(", ")}, ?, ?, ?)`,
      ).run(...editableValues(s, vmNames, nextRunAt), id, now, now);
      return this.get(id);
    });
  }

  /** Replaces a job; `nextRunAt(old)` decides its next run from the stored row. */
  replace(
    id: string,
    s: CheckedSchedule,
    vmNames: Record<string, string>,
    nextRunAt: (old: JobRow) => number | null,
    now: number,
  ): JobRow {
    return this.store.write(() => {
      const old = this.get(id);
      refuseManaged(old);
      this.#nameTaken(s.name, id);
      this.#db.prepare(
        `UPDATE schedules SET ${EDITABLE.map((c) => `${c} = ?`).join(", ")}, updated_at = ?
         WHERE id = ?`,
      ).run(...editableValues(s, { ...old.vmNames, ...vmNames }, nextRunAt(old)), now, id);
      return this.get(id);
    });
  }

  delete(id: string): void {
    this.store.write(() => {
      refuseManaged(this.get(id));
      this.#db.prepare("DELETE FROM schedules WHERE id = ?").run(id);
    });
  }

  /**
   * Makes the managed jobs those of `jobs` (one per owner, the last of an owner winning) in one
   * write: inserts new owners' jobs, updates changed ones, deletes those of owners not listed;
   * jobs made by hand stay as they are. Names taken by hand-made jobs get a suffix. Returns the
   * managed jobs as stored.
   */
  syncManaged(
    jobs: CheckedManagedJob[],
    nextRunAt: (job: CheckedManagedJob, old: JobRow | null) => number | null,
    now: number,
  ): JobRow[] {
    return this.store.write(() => {
      const all = this.list();
      const stored = new Map(all.filter((j) => j.managedBy !== null).map((j) => [j.managedBy!, j]));
      const wanted = [...new Map(jobs.map((j) => [j.owner, j])).values()];
      const owners = new Set(wanted.map((j) => j.owner));
      for (const [owner, old] of stored) {
        if (!owners.has(owner)) this.#db.prepare("DELETE FROM schedules WHERE id = ?").run(old.id);
      }
      const names = freeNames(
        wanted.map((j) => j.name),
        all.filter((j) => j.managedBy === null).map((j) => j.name),
      );
      // A kept job whose name changes steps aside first, so names can be swapped between jobs.
      wanted.forEach((j, i) => {
        const old = stored.get(j.owner);
        if (old && old.name !== names[i]) {
          this.#db.prepare("UPDATE schedules SET name = ? WHERE id = ?").run(
            `\u0001${old.id}`,
            old.id,
          );
        }
      });
      return wanted.map((j, i) => {
        const s: CheckedSchedule = { ...j, name: names[i] };
        const old = stored.get(j.owner) ?? null;
        if (!old) {
          const id = crypto.randomUUID();
          this.#db.prepare(
            `INSERT INTO schedules (${EDITABLE.join(", ")}, id, created_at, updated_at, managed_by)
             VALUES (${EDITABLE.map(() => "?").join(", ")}, ?, ?, ?, ?)`,
          ).run(...editableValues(s, {}, nextRunAt(j, null)), id, now, now, j.owner);
          return this.get(id);
        }
        if (sameJob(old, s)) return old;
        this.#db.prepare(
          `UPDATE schedules SET ${EDITABLE.map((c) => `${c} = ?`).join(", ")}, updated_at = ?
           WHERE id = ?`,
        ).run(...editableValues(s, old.vmNames, nextRunAt(j, old)), now, old.id);
        return this.get(old.id);
      });
    });
  }

  /** Remembers VM names seen at run time (a deleted VM keeps its last one). */
  rememberNames(id: string, names: Record<string, string>): void {
    this.store.write(() => {
      const job = this.find(id);
      if (!job) return;
      this.#db.prepare("UPDATE schedules SET vm_names = ? WHERE id = ?")
        .run(JSON.stringify({ ...job.vmNames, ...names }), id);
    });
  }

  /** Enabled jobs whose next run is at or before `now`, earliest first. */
  due(now: number): JobRow[] {
    return this.#db.prepare(
      `SELECT * FROM schedules WHERE enabled = 1 AND next_run_at <= ?
       ORDER BY next_run_at, name`,
    ).all(now).map(jobOf);
  }

  /** The earliest next run of an enabled job, or null. */
  earliest(): number | null {
    const row = this.#db.prepare(
      "SELECT min(next_run_at) AS t FROM schedules WHERE enabled = 1",
    ).get();
    return row?.t === null || row?.t === undefined ? null : Number(row.t);
  }

  /** The latest slot a job has claimed on its schedule (not "Run now"), or null. */
  lastSlot(id: string): number | null {
    const row = this.#db.prepare(
      "SELECT max(slot_at) AS t FROM schedule_runs WHERE schedule_id = ? AND cause != 'manual'",
    ).get(id);
    return row?.t === null || row?.t === undefined ? null : Number(row.t);
  }

  /**
   * Claims `slot` of job `id` in one transaction: records the run and moves next_run_at on.
   * Returns the run's id, or null when the slot is no longer the job's next run (claimed
   * already, by us or another process; the job was edited, disabled or deleted).
   */
  claim(id: string, slot: number, c: Claim): number | null {
    return this.store.write(() => {
      const job = this.find(id);
      if (!job || !job.enabled || job.nextRunAt !== slot) return null;
      const inserted = this.#db.prepare(
        `INSERT OR IGNORE INTO schedule_runs (schedule_id, schedule_name, operation, slot_at,
           cause, started_at, finished_at, status, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        job.name,
        job.operation,
        slot,
        c.cause,
        c.now,
        c.status === "skipped" ? c.now : null,
        c.status,
        c.error,
      );
      this.#db.prepare("UPDATE schedules SET next_run_at = ? WHERE id = ?").run(c.nextRunAt, id);
      if (inserted.changes === 0) return null;
      this.#trim(id);
      return Number(inserted.lastInsertRowid);
    });
  }

  /** Records a "Run now" of job `id` that starts at `now`. */
  claimManual(id: string, now: number): { job: JobRow; runId: number } {
    return this.store.write(() => {
      const job = this.get(id);
      const { lastInsertRowid } = this.#db.prepare(
        `INSERT INTO schedule_runs (schedule_id, schedule_name, operation, slot_at, cause,
           started_at, status)
         VALUES (?, ?, ?, ?, 'manual', ?, 'running')`,
      ).run(id, job.name, job.operation, now, now);
      this.#trim(id);
      return { job, runId: Number(lastInsertRowid) };
    });
  }

  #trim(id: string) {
    this.#db.prepare(
      `DELETE FROM schedule_runs WHERE schedule_id = ? AND id NOT IN
         (SELECT id FROM schedule_runs WHERE schedule_id = ? ORDER BY id DESC LIMIT ?)`,
    ).run(id, id, RUNS_KEPT);
  }

  /** Stores the per-VM results so far of a run that is still going. */
  progress(runId: number, results: VmRunResult[]): void {
    this.#db.prepare("UPDATE schedule_runs SET results = ? WHERE id = ? AND status = 'running'")
      .run(JSON.stringify(results), runId);
  }

  finish(runId: number, status: RunStatus, results: VmRunResult[], now: number): void {
    this.#db.prepare(
      `UPDATE schedule_runs SET status = ?, results = ?, finished_at = ?
       WHERE id = ? AND status = 'running'`,
    ).run(status, JSON.stringify(results), now, runId);
  }

  /** Marks every run still "running" (the process died during it) interrupted. */
  interruptRunning(now: number, error: string): ScheduleRun[] {
    return this.store.write(() => {
      const rows = this.#db.prepare("SELECT * FROM schedule_runs WHERE status = 'running'").all();
      this.#db.prepare(
        `UPDATE schedule_runs SET status = 'interrupted', error = ?, finished_at = ?
         WHERE status = 'running'`,
      ).run(error, now);
      return rows.map(runOf);
    });
  }

  run(runId: number): ScheduleRun | null {
    const row = this.#db.prepare("SELECT * FROM schedule_runs WHERE id = ?").get(runId);
    return row ? runOf(row) : null;
  }

  /** Newest first, of one job or of all. */
  runs(scheduleId: string | null, limit: number): ScheduleRun[] {
    const rows = scheduleId === null
      ? this.#db.prepare("SELECT * FROM schedule_runs ORDER BY id DESC LIMIT ?").all(limit)
      : this.#db.prepare(
        "SELECT * FROM schedule_runs WHERE schedule_id = ? ORDER BY id DESC LIMIT ?",
      ).all(scheduleId, limit);
    return rows.map(runOf);
  }
}
