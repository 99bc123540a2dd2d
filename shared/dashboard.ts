// What the dashboard's busiest and failures cards take (routes/dashboard_data.ts gathers them).

import type { AlertEvent } from "./metrics.ts";
import type { Task } from "./tasks.ts";
import type { VmSummary } from "./vms.ts";

/** The busiest running VMs by CPU and by memory, as the VM list last sampled them. */
export interface BusiestVms {
  cpu: VmSummary[];
  memory: VmSummary[];
}

/**
 * The VMs in trouble now (paused or stopped by an error: shared/vm_state_reason.ts's warnings),
 * the last failed tasks and the alerts firing now, newest first.
 */
export interface Failures {
  vms: VmSummary[];
  tasks: Task[];
  alerts: AlertEvent[];
}
