// Failed actions shown where they were asked for: a VM's row in the VM list and its page's
// header say "Start failed: …" until seen — dismissed, or the VM's page visited. The source is
// the task log: the signed-in user's failed tasks on one VM (a row's or the header's Start, Stop
// …), plus the VMs a batch reported failed (the batch's one task names them only in words). What
// was seen is kept per browser session (sessionStorage): a new session starts clean, save for
// failures of the last RECENT_MS.

import { signal } from "@preact/signals";
import type { Task } from "../../shared/tasks.ts";
import type { BatchResult } from "../../shared/vms.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { currentUser } from "../../components/client/session.ts";
import { listTasks } from "./api.ts";
import { upsertTask } from "./format.ts";

/** One VM's failure as its row and header show it. */
export interface VmFailure {
  vmId: string;
  /** The operation in the page's words, untranslated for tasks ("Start"). */
  title: string;
  message: string;
  /** When it failed (ms since the epoch). */
  at: number;
  /** The task that tells it in full; null for a batch's VM. */
  taskId: number | null;
}

interface Seen {
  /** Failures that ended before this are not shown. */
  since: number;
  /** Per VM: failures that ended at or before this were seen. */
  seenUntil: Record<string, number>;
  /** Batch failures, newest last. */
  batch: VmFailure[];
}

const KEY = "kvmm-vm-failures";
/** A session that begins still shows failures this recent. */
export const RECENT_MS = 10 * 60_000;
const LIST_LIMIT = 100;
const BATCH_KEPT = 200;

const tasks = signal<Task[]>([]);
const seen = signal<Seen>(read());
let following = false;

function read(): Seen {
  const fresh: Seen = { since: Date.now() - RECENT_MS, seenUntil: {}, batch: [] };
  try {
    const saved = JSON.parse(globalThis.sessionStorage?.getItem(KEY) ?? "null") as Seen | null;
    if (saved && typeof saved.since === "number") return { ...fresh, ...saved };
  } catch { /* damaged: start clean */ }
  write(fresh);
  return fresh;
}

function write(value: Seen) {
  try {
    globalThis.sessionStorage?.setItem(KEY, JSON.stringify(value));
  } catch { /* storage off: this page only */ }
}

function change(fn: (s: Seen) => Seen) {
  // Another page of this tab may have written meanwhile (a visit that saw a failure).
  const next = fn(read());
  write(next);
  seen.value = next;
}

/** Reads the recent tasks once per page and follows their changes. */
function follow() {
  if (following || !globalThis.document) return;
  following = true;
  const load = async () => {
    try {
      let list = await listTasks({ limit: LIST_LIMIT });
      for (const t of tasks.value) list = upsertTask(list, t, LIST_LIMIT);
      tasks.value = list;
    } catch { /* the marks wait for the next read */ }
  };
  subscribeEvents((e) => {
    if (e.type === "task-changed") tasks.value = upsertTask(tasks.value, e.task, LIST_LIMIT);
  }, load);
  load();
}

const vmOf = (task: Task) => task.target?.kind === "vm" ? task.target.id.toLowerCase() : null;

/**
 * The failure `tasks` and `state` show on the VM `vmId` for `user`: the newest of their failed
 * tasks on it and its batch failures, not seen yet and not followed by a success of the same
 * operation.
 */
export function failureOf(
  vmId: string,
  list: Task[],
  state: Seen,
  user: string,
): VmFailure | null {
  const id = vmId.toLowerCase();
  const after = Math.max(state.since, state.seenUntil[id] ?? -Infinity);
  let best: VmFailure | null = null;
  for (const task of list) {
    if (task.status !== "failed" || task.user !== user || vmOf(task) !== id) continue;
    const at = task.endedAt ?? task.startedAt;
    if (at <= after || (best && best.at >= at)) continue;
    const mended = list.some((o) =>
      o.status === "succeeded" && o.action === task.action && vmOf(o) === id && o.id > task.id
    );
    if (mended) continue;
    best = { vmId: id, title: task.title, message: task.message ?? "", at, taskId: task.id };
  }
  for (const f of state.batch) {
    if (f.vmId === id && f.at > after && (!best || f.at > best.at)) best = f;
  }
  return best;
}

/** The VM's failure to show now (a component reading it re-renders as it changes). */
export function vmFailure(vmId: string): VmFailure | null {
  follow();
  const user = currentUser();
  return user ? failureOf(vmId, tasks.value, seen.value, user) : null;
}

/** Marks the VM's failures until `at` (default: now) as seen. */
export function markSeen(vmId: string, at = Date.now()): void {
  const id = vmId.toLowerCase();
  change((s) => ({
    ...s,
    seenUntil: { ...s.seenUntil, [id]: Math.max(at, s.seenUntil[id] ?? 0) },
  }));
}

/** Records the VMs a batch reported failed; `title` names its operation (a key of t()). */
export function noteBatchFailures(result: Pick<BatchResult, "results">, title: string): void {
  const at = Date.now();
  const failed: VmFailure[] = result.results.flatMap((r) =>
    r.ok ? [] : [{ vmId: r.id.toLowerCase(), title, message: r.error.message, at, taskId: null }]
  );
  if (failed.length === 0) return;
  change((s) => ({ ...s, batch: [...s.batch, ...failed].slice(-BATCH_KEPT) }));
}
