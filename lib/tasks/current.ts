// The task the code running now belongs to: the tasks middleware runs each request's handler
// with its task (routes/middleware/tasks.ts), so a service deep below, whose work outlives the
// request (a backup, a migration), can take the task over and end it when the work truly ends,
// without every route and service passing it along.

import { AsyncLocalStorage } from "node:async_hooks";
import type { TaskHandle } from "./handle.ts";

const current = new AsyncLocalStorage<TaskHandle | null>();

/** The task of the request (or scheduled run) this code runs for, if any. */
export function currentTask(): TaskHandle | undefined {
  return current.getStore() ?? undefined;
}

/**
 * Runs `fn` as part of `task`; null runs it as part of none, for work that is a step of a
 * bigger task (a scheduled run's backups) and must not take that task over.
 */
export function withTask<T>(task: TaskHandle | null, fn: () => T): T {
  return current.run(task, fn);
}

/**
 * Runs `fn` as part of no task: for work a request merely sets going that lives on by itself
 * (a timer armed, a host's services started). Timers and promises keep the task they were
 * made under, so without this a timer re-armed during a request would still run, much later,
 * "inside" that request's long-ended task.
 */
export function outsideTask<T>(fn: () => T): T {
  return current.run(null, fn);
}
