// The tasks table (schema.ts) read and written: one row per task, the newest TASKS_KEPT kept.

import type { Store } from "../store.ts";
import type { TaskStatus, TaskTarget } from "../../shared/tasks.ts";
import type { Entry } from "./handle.ts";

/** Which tasks a list asks for; each given field narrows it. */
export interface RowFilter {
  /** Only tasks older than this id (the previous page's last). */
  before?: number;
  status?: TaskStatus;
  /** Only tasks about this object: its id or its name. */
  target?: string;
}

// Long enough for any real value; a hostile message cannot grow the file without end.
const MAX_TEXT = 2_000;
const clip = (s: string | null, max = MAX_TEXT) =>
  s === null ? null : s.length > max ? `${s.slice(0, max - 1)}…` : s;

function entryOf(row: Record<string, unknown>): Entry {
  const text = (v: unknown) => v === null || v === undefined ? null : String(v);
  const target: TaskTarget | null = row.target_kind === null ? null : {
    kind: String(row.target_kind) as TaskTarget["kind"],
    id: String(row.target_id ?? ""),
    name: String(row.target_name ?? ""),
  };
  return {
    task: {
      id: Number(row.id),
      action: String(row.action),
      title: String(row.title),
      user: String(row.user),
      target,
      hostId: String(row.host_id),
      startedAt: Number(row.started_at),
      endedAt: row.ended_at === null ? null : Number(row.ended_at),
      progress: row.progress === null ? null : Number(row.progress),
      status: row.status as TaskStatus,
      message: text(row.message),
      code: text(row.code),
      // Only a task running in this process can be stopped (lib/tasks/log.ts keeps those).
      cancellable: false,
    },
    vmIds: row.vm_ids === null ? null : JSON.parse(String(row.vm_ids)),
    cancel: null,
    followed: false,
  };
}

export class TaskRows {
  constructor(private readonly store: Store) {}

  /** The highest id used so far (0 for none). */
  maxId(): number {
    return Number(this.store.db.prepare("SELECT max(id) AS id FROM tasks").get()?.id ?? 0);
  }

  /** Writes the task as it is now (inserting it the first time). */
  save({ task, vmIds }: Entry): void {
    const target = task.target;
    this.store.write(() =>
      this.store.db.prepare(
        `INSERT OR REPLACE INTO tasks (id, action, title, user, target_kind, target_id,
           target_name, vm_ids, host_id, started_at, ended_at, progress, status, message, code)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        task.id,
        clip(task.action, 256)!,
        clip(task.title, 256)!,
        clip(task.user, 256)!,
        target?.kind ?? null,
        clip(target?.id ?? null, 512),
        clip(target?.name ?? null, 512),
        vmIds === null ? null : JSON.stringify(vmIds.slice(0, 1000)),
        clip(task.hostId, 256)!,
        task.startedAt,
        task.endedAt,
        task.progress,
        task.status,
        clip(task.message),
        clip(task.code, 64),
      )
    );
  }

  /** Drops all but the newest `keep` tasks that ended; running ones stay. */
  prune(keep: number): void {
    this.store.write(() =>
      this.store.db.prepare(
        `DELETE FROM tasks WHERE status != 'running' AND id <=
           (SELECT id FROM tasks WHERE status != 'running' ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      ).run(keep)
    );
  }

  /**
   * Ends every task the table holds as running: the process that ran them is gone. Returns how
   * many there were.
   */
  interruptRunning(now: number, message: string, code: string): number {
    return Number(
      this.store.write(() =>
        this.store.db.prepare(
          `UPDATE tasks SET status = 'failed', ended_at = max(?, started_at), message = ?,
             code = ? WHERE status = 'running'`,
        ).run(now, message, code)
      ).changes,
    );
  }

  get(id: number): Entry | null {
    const row = this.store.db.prepare("SELECT * FROM tasks WHERE id = ?").get(id);
    return row ? entryOf(row) : null;
  }

  /** Newest first, at most `limit` (all when null). */
  list(filter: RowFilter, limit: number | null): Entry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.before !== undefined) where.push("id < ?"), params.push(filter.before);
    if (filter.status !== undefined) where.push("status = ?"), params.push(filter.status);
    if (filter.target !== undefined) {
      where.push("(target_id = ? OR target_name = ?)");
      params.push(filter.target, filter.target);
    }
    const rows = this.store.db.prepare(
      `SELECT * FROM tasks ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY id DESC ${limit === null ? "" : "LIMIT ?"}`,
    ).all(...params, ...(limit === null ? [] : [limit]));
    return rows.map(entryOf);
  }
}

/** Whether a task matches a filter (for tasks held in memory). */
export function matches({ task }: Entry, filter: RowFilter): boolean {
  if (filter.before !== undefined && task.id >= filter.before) return false;
  if (filter.status !== undefined && task.status !== filter.status) return false;
  if (filter.target !== undefined) {
    return task.target?.id === filter.target || task.target?.name === filter.target;
  }
  return true;
}
