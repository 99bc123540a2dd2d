// What the dashboard shows beside the host and its VM counts: the storage pools (read like every
// page's libvirt read, bounded and answered from what was last known), the busiest VMs (from the
// list's collector figures, no libvirt call) and the last failures (the task log and the alerts,
// both in the app store).

import type { AppContext } from "../lib/context.ts";
import type { Identity } from "../shared/auth.ts";
import type { ConnectionStatus, HostInfo } from "../shared/host.ts";
import type { HostCheck } from "../shared/host_check.ts";
import type { AlertEvent } from "../shared/metrics.ts";
import type { PoolInfo } from "../shared/storage.ts";
import type { BusiestVms, Failures } from "../shared/dashboard.ts";
import type { VmSummary } from "../shared/vms.ts";
import { alertEventsFor } from "../lib/auth/redact.ts";
import { reasonWords } from "../shared/vm_state_reason.ts";
import type { PageData, PageRead } from "./page_data.ts";

/** How many VMs each busiest list, and how many failures, the dashboard shows. */
export const DASHBOARD_TOP = 5;
/** Failed tasks read to find this host's last ones (the log holds every host's). */
const FAILED_READ = 50;

/**
 * The MiB a VM holds as far as sampled: of its guest's use, or (no guest statistics) of what
 * the host sees it hold. That ranks the memory list by what weighs on the host.
 */
const memoryMbOf = (vm: VmSummary) => (vm.memoryPercent ?? 0) / 100 * vm.memoryMb;

/** The top `n` running VMs by CPU % and by memory held; VMs not sampled yet are left out. */
export function busiestVms(vms: readonly VmSummary[], n = DASHBOARD_TOP): BusiestVms {
  const running = vms.filter((vm) => vm.state === "running");
  const top = (sampled: VmSummary[], by: (vm: VmSummary) => number) =>
    sampled.sort((a, b) => by(b) - by(a) || a.name.localeCompare(b.name)).slice(0, n);
  return {
    cpu: top(running.filter((vm) => vm.cpuPercent !== undefined), (vm) => vm.cpuPercent!),
    memory: top(running.filter((vm) => vm.memoryPercent !== undefined), memoryMbOf),
  };
}

/** VMs paused or stopped by an error (an I/O error, a crash, a panic …), by name. */
export function vmsInTrouble(vms: readonly VmSummary[]): VmSummary[] {
  return vms.filter((vm) => reasonWords(vm.state, vm.stateReason)?.tone === "warning")
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The VMs in trouble among `vms` (the list the page read), this host's last failed tasks
 * `identity` may see, and the alerts firing now (redacted as the alerts API redacts them). Tasks
 * and alerts come from the app store, never from libvirt; a store that cannot be read leaves its
 * part empty (the task log says so in the server's log itself).
 */
export function lastFailures(
  ctx: Pick<AppContext, "tasks" | "monitoring" | "hostId">,
  identity: Identity | undefined,
  vms: readonly VmSummary[] = [],
  n = DASHBOARD_TOP,
): Failures {
  const tasks = ctx.tasks.list({ status: "failed", limit: FAILED_READ, identity })
    .filter((task) => task.hostId === ctx.hostId).slice(0, n);
  let alerts: AlertEvent[] = [];
  try {
    alerts = alertEventsFor(identity, ctx.monitoring.alerts.events({ state: "active", limit: n }));
  } catch (err) {
    console.error(`Dashboard: cannot read the alerts: ${(err as Error).message}`);
  }
  return { vms: vmsInTrouble(vms), tasks, alerts };
}

/** What the dashboard's body takes, but the graphs' tick. */
export interface DashboardData {
  host: HostInfo | null;
  vms: VmSummary[] | null;
  check: HostCheck | null;
  pools: PoolInfo[] | null;
  /** Why the pools could not be read, said in their card. */
  poolsError: string | null;
  busiest: BusiestVms;
  failures: Failures;
  connection: ConnectionStatus;
  /** Why host or VMs could not be read, shown in place of the missing cards. */
  error: string | null;
}

/** Why a read has no value, for the page to say in its place. */
const missing = (r: PageRead<unknown>) => r.value === null ? r.error?.message ?? null : null;

/**
 * Everything the dashboard shows, each libvirt read bounded by `known` (the keys other pages
 * share: the storage page's "pools", the VM list's "vms"), and the reads for the stale banner.
 */
export async function dashboardData(
  ctx: AppContext,
  known: PageData,
  identity: Identity | undefined,
): Promise<{ data: DashboardData; reads: PageRead<unknown>[] }> {
  const [host, vms, check, pools] = await Promise.all([
    known.read<HostInfo>("host", () => ctx.vms.hostInfo()),
    known.read<VmSummary[]>("vms", () => ctx.vms.listVms()),
    known.read<HostCheck>("check", () => ctx.vms.hostCheck()),
    known.read<PoolInfo[]>("pools", () => ctx.pools.list()),
  ]);
  const data: DashboardData = {
    host: host.value,
    vms: vms.value,
    check: check.value,
    pools: pools.value,
    poolsError: missing(pools),
    busiest: busiestVms(vms.value ?? []),
    failures: lastFailures(ctx, identity, vms.value ?? []),
    connection: ctx.vms.connection(),
    error: missing(host) ?? missing(vms),
  };
  return { data, reads: [host, vms, pools] };
}
