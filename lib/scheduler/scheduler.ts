// Scheduled operations: jobs in SQLite, next-run math (once, daily, weekly, monthly, cron via
// croner), missed-run policy, run history, at most one run per slot even across kill -9.
// Owner: the scheduler work (issue 6).

import type { Store } from "../store.ts";
import type { AppEvent } from "../types.ts";

/** What a scheduled job does to each of its VMs. */
export type ScheduleOperation = "start" | "shutdown" | "reboot" | "snapshot" | "backup";

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
}

export class Scheduler {
  constructor(readonly deps: SchedulerDeps) {}
  /** Marks runs a crash interrupted, then arms the timer. */
  start(): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
}
