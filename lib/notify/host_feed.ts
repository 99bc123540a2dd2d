// What feeds one host's events to the notifications: the listener on its event stream
// (sources.ts) and the reads of its pools (pool_watch.ts), started and stopped with the host.

import type { AppEvent } from "../../shared/events.ts";
import type { Backup } from "../../shared/backups.ts";
import type { ScheduleRun } from "../../shared/scheduler.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import type { NotifyService } from "./service.ts";
import { watchHost } from "./sources.ts";
import { PoolWatch } from "./pool_watch.ts";

/** Starts listening at once (events before start() count); start() begins the pool reads. */
export function feedHost({ hostId, subscribe, backup, run, pools, notify }: {
  hostId: string;
  subscribe: (fn: (e: AppEvent) => void) => () => void;
  /** A backup's record; throws or answers null when there is none. */
  backup: (id: string) => Backup | null;
  run: (runId: number) => ScheduleRun | null;
  pools: () => Promise<PoolSummary[]>;
  /** Publishes to the notifications; `wants` reads their rules (NotifyRecords.wants). */
  notify: Pick<NotifyService, "publish" | "wants">;
}): { start(): void; stop(): Promise<void> } {
  const publish = (e: Parameters<NotifyService["publish"]>[0]) => notify.publish(e);
  const unwatch = watchHost({
    hostId,
    subscribe,
    backup: (id) => {
      try {
        return backup(id);
      } catch {
        return null;
      }
    },
    run,
    publish,
  });
  const poolWatch = new PoolWatch({
    hostId,
    list: pools,
    publish,
    wanted: () => notify.wants("pool-full", hostId),
  });
  return {
    start: () => poolWatch.start(),
    async stop() {
      unwatch();
      await poolWatch.stop();
    },
  };
}
