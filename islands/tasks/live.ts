// The shell's live view of the task log: the most recent tasks of every host the signed-in
// person may see (`GET /api/tasks` lists them all, whichever host the page shows), read when the
// page loads (again when the panel opens or the event stream comes back) and kept current by
// "task-changed" events. The task panel and the task toasts read it.

import { computed, signal } from "@preact/signals";
import type { Task } from "../../shared/tasks.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { errorMessage } from "../../components/client/api.ts";
import { listTasks } from "./api.ts";
import { upsertTask } from "./format.ts";

/** How many tasks the panel lists; a running task older than these is not counted. */
export const PANEL_LIMIT = 50;

export const recentTasks = signal<Task[]>([]);
export const loadError = signal<string | null>(null);
export const loaded = signal(false);
export const runningCount = computed(() =>
  recentTasks.value.filter((t) => t.status === "running").length
);

type OnTask = (task: Task, fromList: boolean) => void;
const followers = new Set<OnTask>();
let loading: Task[] | null = null;

/** Reads the list again; events that arrive meanwhile are applied over it. */
export async function reloadTasks(): Promise<void> {
  if (loading) return;
  loading = [];
  try {
    let list = await listTasks({ limit: PANEL_LIMIT });
    for (const t of loading) list = upsertTask(list, t, PANEL_LIMIT);
    recentTasks.value = list;
    loadError.value = null;
    for (const t of list) for (const f of followers) f(t, true);
  } catch (err) {
    loadError.value = errorMessage(err);
  } finally {
    loading = null;
    loaded.value = true;
  }
}

/**
 * Keeps recentTasks live and calls `onTask` with each task that changes, and with every listed
 * task after each read (`fromList`: what happened while the page was not listening).
 */
export function followTasks(onTask: OnTask): () => void {
  followers.add(onTask);
  const stop = subscribeEvents((e) => {
    if (e.type !== "task-changed") return;
    loading?.push(e.task);
    recentTasks.value = upsertTask(recentTasks.value, e.task, PANEL_LIMIT);
    onTask(e.task, false);
  }, reloadTasks);
  reloadTasks();
  return () => {
    followers.delete(onTask);
    stop();
  };
}
