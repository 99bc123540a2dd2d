// Maintenance mode of a host (issue 46): its running VMs moved to other hosts, new VMs refused
// there, and the way back. Shared by lib/maintenance/, routes/ and islands/.

/** How a stopped VM of a host entering maintenance is treated: kept there, or its definition moved. */
export type StoppedPolicy = "stay" | "move";

/** `POST /api/hosts/:id/maintenance/plan` and `…/enter`. */
export interface MaintenanceInput {
  /** VM (UUID or name) → destination host id, where the admin chooses; others by free memory. */
  targets?: Record<string, string>;
  /**
   * Only these VMs (names or UUIDs) move; the others stay where they are, running (a VM bound
   * to this host's hardware, say). Default: all.
   */
  only?: string[];
  /** Default "stay". */
  stopped?: StoppedPolicy;
  /** Migrations at a time, 1 or 2 (default 1). */
  parallel?: number;
}

/** One VM of a plan: where it goes, or why it cannot go anywhere. */
export interface PlannedMove {
  vmId: string;
  name: string;
  state: string;
  memoryMb: number;
  cpuCount: number;
  /** Live migration of a running VM, or the definition of a stopped one. */
  kind: "live" | "offline" | "stay";
  /** The destination host id; null when none fits (see `problem`) or when it stays. */
  to: string | null;
  toName: string | null;
  /** Chosen by the admin rather than by free memory. */
  chosen: boolean;
  problem?: string;
}

/** A host the plan may send VMs to, as it stands before the moves. */
export interface PlanHost {
  id: string;
  name: string;
  connected: boolean;
  inMaintenance: boolean;
  memoryFreeMb: number | null;
  cpuThreads: number | null;
  /** vCPUs of its running VMs. */
  runningVcpus: number | null;
}

export interface MaintenancePlan {
  hostId: string;
  moves: PlannedMove[];
  hosts: PlanHost[];
  /** Whether every VM that must move has a destination. */
  ok: boolean;
}

/** A VM maintenance moved away, to bring back on leaving. */
export interface MovedVm {
  vmId: string;
  name: string;
  to: string;
}

/** The moves of an enter or a leave, while they run and after. */
export interface MaintenanceRun {
  kind: "enter" | "leave";
  state: "running" | "completed" | "failed" | "cancelled";
  total: number;
  done: number;
  /** Names of the VMs moving now. */
  moving: string[];
  failures: { name: string; message: string }[];
  startedAt: string;
  finishedAt?: string;
  /** Its task in the task log. */
  taskId?: number;
}

/** `GET /api/hosts/:id/maintenance`. */
export interface MaintenanceStatus {
  hostId: string;
  inMaintenance: boolean;
  /** When it entered; null when not in maintenance. */
  since: string | null;
  /** Who entered it. */
  by: string | null;
  moved: MovedVm[];
  /** The latest enter or leave since KVM Manager started, or null. */
  run: MaintenanceRun | null;
}

/** `POST /api/hosts/:id/maintenance/leave`. */
export interface LeaveInput {
  /** Migrate the VMs maintenance moved away back to this host (default false). */
  bringBack?: boolean;
}
