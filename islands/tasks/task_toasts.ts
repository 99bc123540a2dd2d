// Toasts for the signed-in user's own tasks. Each end says its result and links to the task; a
// task still running after LONG_MS (creating or cloning a VM, a backup, a restore, a migration,
// an upload: the ones that take that long) says so at once and is replaced by its result in place.
// Decided by how long a task runs rather than by a list of actions, so no new long operation is
// silently missed.

import type { Task } from "../../shared/tasks.ts";
import { hasToast, showToast, type ToastKind } from "../../components/client/toasts.tsx";
import { resultLine, taskHref } from "./format.ts";

export const LONG_MS = 2000;
/**
 * A failure that ended this long before the page read the list may not have been told yet; a
 * success only this long (one that ended as the page changed), so successes do not follow you.
 */
const CATCH_UP_MS = 15_000;
const SUCCESS_CATCH_UP_MS = 5_000;
const TOLD_KEY = "kvmm-told-tasks";
const TOLD_KEPT = 200;

const KIND: Record<Task["status"], ToastKind> = {
  running: "info",
  succeeded: "success",
  failed: "error",
  cancelled: "info",
};

/**
 * Returns what to call with every task seen (live.ts's followTasks takes it); `servedAt` is when
 * the server rendered this page, on its clock, as tasks' times are.
 */
export function toastOwnTasks(
  user: string,
  servedAt: number,
): (task: Task, fromList: boolean) => void {
  const told = new Set(readTold());
  const starting = new Map<number, ReturnType<typeof setTimeout>>();
  const show = (task: Task, key: string) =>
    showToast({ kind: KIND[task.status], key, message: resultLine(task), href: taskHref(task) });

  return (task, fromList) => {
    if (task.user !== user) return;
    const key = `task-${task.hostId}-${task.id}`;
    if (told.has(key)) return;
    if (task.status === "running") {
      const wait = startToastDelay(task, fromList, Date.now(), servedAt);
      if (hasToast(key)) show(task, key); // progress
      else if (wait !== null && !starting.has(task.id)) {
        starting.set(task.id, setTimeout(() => show(task, key), wait));
      }
      return;
    }
    clearTimeout(starting.get(task.id));
    starting.delete(task.id);
    const missed = fromList &&
      (hasToast(key) ||
        Date.now() - (task.endedAt ?? 0) <
          (task.status === "failed" ? CATCH_UP_MS : SUCCESS_CATCH_UP_MS));
    if (fromList && !missed) return;
    told.add(key);
    writeTold([...told].slice(-TOLD_KEPT));
    show(task, key);
  };
}

/**
 * How long until a running task's start is told, or null for never. A task heard starting gets
 * it at LONG_MS of its age; one found in the list only when it was younger than that as the
 * server rendered this page (`servedAt`, the server's clock, as `startedAt` is): it started as
 * this page loaded (a button that led here, or the page's event stream still connecting), so no
 * page has told it yet, however long the browser then took to read the list. Older ones were
 * told, or were started elsewhere. The wait never exceeds LONG_MS, whatever the browser's clock
 * says against the server's.
 */
export function startToastDelay(
  task: Task,
  fromList: boolean,
  now: number,
  servedAt = now,
): number | null {
  if (fromList && servedAt - task.startedAt >= LONG_MS) return null;
  const age = now - task.startedAt;
  return Math.min(LONG_MS, Math.max(0, LONG_MS - age));
}

// Tasks already told in this tab, so the next page does not tell them again.
function readTold(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem(TOLD_KEY) ?? "[]");
  } catch {
    return [];
  }
}

function writeTold(keys: string[]) {
  try {
    sessionStorage.setItem(TOLD_KEY, JSON.stringify(keys));
  } catch { /* storage off: a later page may tell a task again */ }
}
