// The server-sent events of `GET /api/events`.

import type { AlertEvent } from "./metrics.ts";
import type { AgentHeartbeat } from "./guest.ts";
import type { MigrationProgressEvent } from "./migration.ts";
import type { ConnectionStatus } from "./host.ts";
import type { Task } from "./tasks.ts";
import type { VmState } from "./vms.ts";
import type { VmStateReason } from "./vm_state_reason.ts";

/** Server-sent events on `GET /api/events` (the SSE `event:` name is the `type`). */
export type AppEvent =
  /** `stateReason` as in VmSummary: absent when there is none worth telling. */
  | {
    type: "vm-state-changed";
    id: string;
    name: string;
    state: VmState;
    stateReason?: VmStateReason;
  }
  | { type: "vm-created"; id: string; name: string }
  | { type: "vm-create-progress"; name: string; step: string; index: number; total: number }
  | { type: "vm-deleted"; id: string; name: string }
  | { type: "connection-status-changed"; status: ConnectionStatus }
  /** A pool or its volumes changed (through us or libvirt); pages re-read what they show. */
  | { type: "storage-changed"; pool: string }
  /** A network, its DHCP settings or its port forwards changed. */
  | { type: "network-changed"; network: string }
  /** An alert rule fired, or a firing alert resolved (the event's resolvedAt is then set). */
  | { type: "alert-fired"; alert: AlertEvent }
  | { type: "alert-resolved"; alert: AlertEvent }
  /** A VM's snapshots changed (created, reverted to, deleted); its page re-reads the tree. */
  | { type: "snapshots-changed"; vmId: string }
  /** A VM's guest facts (addresses, agent) changed; `id` is its UUID. */
  | { type: "guest-changed"; id: string }
  /** A running VM's agent started or stopped answering the host's heartbeat (or changed). */
  | { type: "agent-heartbeat"; id: string; heartbeat: AgentHeartbeat }
  /** A backup started, progressed, finished, failed or was deleted. */
  | {
    type: "backup-changed";
    backupId: string;
    vmId: string;
    status: string;
    processedBytes: number;
    totalBytes: number;
  }
  /** A scheduled job ran (or was skipped); `status` is the run's. */
  | { type: "schedule-run"; scheduleId: string; runId: number; status: string }
  /** A migration away from this host started, progressed or ended. */
  | MigrationProgressEvent
  /** These VMs' effective policy changed (profile edited, assigned, overridden). */
  | { type: "policy-changed"; vmIds: string[] }
  /** A profile was created, changed, imported or deleted. */
  | { type: "profiles-changed" }
  /** A task (shared/tasks.ts) started, progressed or ended. */
  | { type: "task-changed"; task: Task };

/**
 * An event as the stream sends it: the all-hosts stream (`GET /api/events?host=all`) names the
 * host each event is about; one host's stream leaves `host` out.
 */
export type HostEvent = AppEvent & { host?: string };
