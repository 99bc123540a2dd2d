// A host's background work as one list, the same for the local host and each remote one:
// metrics (collector, retention, alerts), the scheduler, guest addresses and, for the local
// host, the remote hosts themselves. Started once its client is connecting, stopped (last
// started first) when its services close.

import type { AddressRefresher } from "./guest/addresses.ts";
import type { AgentHeartbeatMonitor } from "./guest/heartbeat.ts";
import type { GuestSampler } from "./metrics/guest_sampler.ts";
import type { HostRegistry } from "./hosts/registry.ts";
import type { Monitoring } from "./metrics/monitoring.ts";
import type { Scheduler } from "./scheduler/scheduler.ts";

/** One piece of background work with its start/stop handle. */
export interface BackgroundTask {
  name: string;
  start(): void;
  /** Safe whether or not it was started. */
  stop(): Promise<void> | void;
}

/** The background tasks of one host's services, in start order. */
export function backgroundTasks({
  monitoring,
  scheduler,
  addresses,
  heartbeat,
  guestSampler,
  hosts,
}: {
  monitoring: Pick<Monitoring, "start" | "collector">;
  scheduler: Pick<Scheduler, "start" | "close">;
  addresses: Pick<AddressRefresher, "start" | "close">;
  heartbeat?: Pick<AgentHeartbeatMonitor, "start" | "stop">;
  guestSampler?: Pick<GuestSampler, "start" | "stop">;
  /** The local host's registry: its remote hosts open and connect in the background. */
  hosts?: Pick<HostRegistry, "start" | "close">;
}): BackgroundTask[] {
  return [
    { name: "metrics", start: () => monitoring.start(), stop: () => monitoring.collector.stop() },
    { name: "scheduler", start: () => scheduler.start(), stop: () => scheduler.close() },
    { name: "addresses", start: () => addresses.start(), stop: () => addresses.close() },
    ...(heartbeat
      ? [{ name: "agent heartbeat", start: () => heartbeat.start(), stop: () => heartbeat.stop() }]
      : []),
    ...(guestSampler
      ? [{
        name: "guest sampler",
        start: () => guestSampler.start(),
        stop: () => guestSampler.stop(),
      }]
      : []),
    // A remote host that is down must not delay start-up: each connects on its own.
    ...(hosts
      ? [{ name: "remote hosts", start: () => hosts.start(), stop: () => hosts.close() }]
      : []),
  ];
}

export function startTasks(tasks: BackgroundTask[]): void {
  for (const task of tasks) task.start();
}

/** Stops every task, the last started first. */
export async function stopTasks(tasks: BackgroundTask[]): Promise<void> {
  for (const task of tasks.toReversed()) await task.stop();
}
