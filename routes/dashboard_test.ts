// The dashboard's pools, busiest VMs and last failures, rendered from a stub context (no
// libvirt), and the VM list's memory column for a guest without balloon statistics.

import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import type { AppContext } from "../lib/context.ts";
import type { AlertEvent } from "../shared/metrics.ts";
import type { PoolInfo } from "../shared/storage.ts";
import type { Task } from "../shared/tasks.ts";
import type { VmSummary } from "../shared/vms.ts";
import { busiestVms } from "./dashboard_data.ts";
import { stubMonitoring } from "../tests/harness/monitoring_stub.ts";
import {
  HOST_CHECK_OK,
  SAMPLE_HOST,
  samplePool,
  stubPageContext,
} from "../tests/harness/page_fixtures.ts";
import { pageRoutes } from "./pages.tsx";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const vm = (n: number, over: Partial<VmSummary>): VmSummary => ({
  id: uuid(n),
  name: `vm${n}`,
  state: "running",
  cpuCount: 2,
  memoryMb: 1024,
  ...over,
});

const VMS: VmSummary[] = [
  vm(1, { name: "web", cpuPercent: 12.5, memoryPercent: 40 }),
  // No guest statistics: 98 % "used" is the memory assigned, and the biggest VM.
  vm(2, {
    name: "bare",
    memoryMb: 4096,
    cpuPercent: 3,
    memoryPercent: 98,
    memoryNoGuestStats: true,
  }),
  vm(3, { name: "db", cpuPercent: 87.5, memoryPercent: 95 }),
  vm(4, { name: "idle", cpuPercent: 0, memoryPercent: 10 }),
  vm(5, { name: "five", cpuPercent: 1, memoryPercent: 11 }),
  vm(6, { name: "six", cpuPercent: 2, memoryPercent: 12 }),
  // Not sampled yet, or stopped: in no list.
  vm(7, { name: "fresh" }),
  vm(8, { name: "off", state: "stopped", cpuPercent: 99, memoryPercent: 99 }),
  // In trouble: paused by a full disk, and crashed; a pause by a user and a forced stop are not.
  vm(10, { name: "full", state: "paused", stateReason: "io-error" }),
  vm(11, { name: "gone", state: "stopped", stateReason: "crashed" }),
  vm(12, { name: "held", state: "paused" }),
  vm(13, { name: "forced", state: "stopped", stateReason: "destroyed" }),
];

const pool = (over: Partial<PoolInfo>): PoolInfo => samplePool({ uuid: uuid(100), ...over });

const POOLS = [
  pool({ name: "nas", active: false, capacityBytes: 0, allocationBytes: 0, availableBytes: 0 }),
  pool({}),
];

const task = (id: number, over: Partial<Task>): Task => ({
  id,
  action: "vm.start",
  title: "Start",
  user: "admin",
  target: { kind: "vm", id: uuid(3), name: "db" },
  hostId: "local",
  startedAt: Date.UTC(2026, 10, 25, 9, 0, id),
  endedAt: Date.UTC(2026, 10, 25, 9, 0, id + 1),
  progress: null,
  status: "failed",
  message: "Requested operation is not valid: domain is already running",
  code: "OPERATION_INVALID",
  cancellable: false,
  ...over,
});

const TASKS: Task[] = [
  task(9, { hostId: "other", title: "Stop" }),
  task(7, {}),
  task(5, {
    action: "pool.start",
    title: "Start",
    target: { kind: "pool", id: "nas", name: "nas" },
  }),
];

const ALERT: AlertEvent = {
  id: 3,
  ruleId: "cpu-high",
  ruleName: "CPU over 80 %",
  metric: "cpu",
  severity: "warning",
  vmId: uuid(3),
  vmName: "db",
  threshold: 80,
  value: 87.5,
  firedAt: "2026-11-25T09:00:00.000Z",
  resolvedAt: null,
  resolvedReason: null,
  webhookError: null,
};

function ctx(
  { vms = VMS, pools = POOLS, tasks = TASKS, firing = [ALERT] }: {
    vms?: VmSummary[];
    pools?: PoolInfo[];
    tasks?: Task[];
    firing?: AlertEvent[];
  } = {},
): AppContext {
  return stubPageContext({
    kvm: {
      listVms: () => Promise.resolve(vms),
      hostInfo: () => Promise.resolve(SAMPLE_HOST),
      hostCheck: () => Promise.resolve(HOST_CHECK_OK),
    },
    pools: { list: () => Promise.resolve(pools) },
    tasks: {
      list: ({ status, limit = 50 }: { status?: string; limit?: number }) =>
        tasks.filter((t) => !status || t.status === status).slice(0, limit),
    },
    monitoring: stubMonitoring({ activeAlerts: firing.length, firing }),
  });
}

async function get(path: string, context = ctx()) {
  const res = await pageRoutes(context).request(`http://localhost${path}`);
  assertEquals(res.status, 200, path);
  return await res.text();
}

/** The text of the card whose heading has `id`, tags removed. */
function card(html: string, id: string): string {
  const at = html.indexOf(`aria-labelledby="${id}-title"`);
  assert(at >= 0, `card ${id} present`);
  const end = html.indexOf('<section class="card', at);
  return html.slice(at, end === -1 ? undefined : end);
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

Deno.test("dashboard - busiest VMs: top five running and sampled, by CPU and by memory held", () => {
  const { cpu, memory } = busiestVms(VMS);
  assertEquals(cpu.map((v) => v.name), ["db", "web", "bare", "six", "five"]);
  // By MiB held: bare's 98 % of 4 GiB before db's 95 % of 1 GiB.
  assertEquals(memory.map((v) => v.name), ["bare", "db", "web", "six", "five"]);
  assertEquals(busiestVms([]), { cpu: [], memory: [] });
});

Deno.test("dashboard - pools with usage bars, inactive ones named; links to each pool", async () => {
  const html = await get("/");
  const pools = card(html, "pools");
  assertMatch(pools, /href="\/storage\/default">default<\/a>/);
  assertMatch(pools, /<meter class="usage-meter"[^>]*low="80" high="90" optimum="0" value="25"/);
  assertMatch(text(pools), /25 GiB used of 100 GiB \(75 GiB free\)/);
  // Active first; the inactive pool is named as such, with no bar.
  assert(pools.indexOf("default") < pools.indexOf("nas"), "active pools first");
  assertMatch(pools, /data-row="nas"[^]*?<span class="badge badge-stopped">Inactive<\/span>/);
});

Deno.test("dashboard - the busiest lists: memory without guest statistics is grey, not red", async () => {
  const busy = card(await get("/"), "busiest");
  const cpuList = busy.slice(0, busy.indexOf('id="busiest-memory"'));
  const names = (part: string) =>
    [...part.matchAll(/href="\/vms\/[^"]+">([^<]+)</g)].map((m) => m[1]);
  assertEquals(names(cpuList), ["db", "web", "bare", "six", "five"]);
  const memList = busy.slice(busy.indexOf('id="busiest-memory"'));
  assertEquals(names(memList), ["bare", "db", "web", "six", "five"]);
  // bare: neutral meter (no thresholds) and the words; db at 95 % keeps its red thresholds.
  assertMatch(
    memList,
    /data-row="[^"]+2"[^]*?<meter class="usage-meter meter-neutral" min="0" max="100" value="98" aria-label="Memory assigned to bare"/,
  );
  assertMatch(memList, /4 GiB assigned, no guest statistics/);
  assertMatch(memList, /aria-label="Memory use of db"/);
  assertMatch(text(memList), /bare 98% 98% 4 GiB assigned, no guest statistics/);
  assertMatch(text(memList), /db 95% 95% 973 MiB of 1 GiB/);
});

Deno.test("dashboard - last failures: this host's failed tasks and firing alerts, linked", async () => {
  const failures = card(await get("/"), "failures");
  // Task 9 ran on another host: not this dashboard's.
  assert(!failures.includes("#task-9"), "another host's task left out");
  assertMatch(failures, /href="\/tasks#task-7">Start db<\/a>/);
  assertMatch(failures, /href="\/vms\/[^"]+3">db<\/a>: Requested operation is not valid/);
  assertMatch(failures, /href="\/tasks#task-5">Start nas<\/a>/);
  assertMatch(failures, /href="\/storage\/nas">nas<\/a>/);
  assertMatch(failures, /<span class="badge badge-warning">Warning<\/span> CPU over 80 %/);
  assertMatch(failures, /href="\/alerts">Firing alerts<\/a>/);
  // Alerts first, then the tasks.
  assert(failures.indexOf("CPU over 80") < failures.indexOf("#task-7"), "alerts first");
});

Deno.test("dashboard - last failures: VMs paused or stopped by an error come first, with what to do", async () => {
  const failures = card(await get("/"), "failures");
  const names = [...failures.matchAll(/data-row="vm-[^"]+"[^]*?href="\/vms\/[^"]+">([^<]+)</g)]
    .map((m) => m[1]);
  assertEquals(names, ["full", "gone"], "a user's pause and a forced stop are no trouble");
  assertMatch(text(failures), /VMs in trouble full Paused: I\/O error A disk could not be written/);
  assertMatch(text(failures), /gone Crashed The VM's QEMU process ended unexpectedly/);
  assert(failures.indexOf("VMs in trouble") < failures.indexOf("CPU over 80"), "VMs first");
});

Deno.test("dashboard - calm empty states: no failures, no samples, no pools", async () => {
  const html = await get("/", ctx({ vms: [vm(7, {})], pools: [], tasks: [], firing: [] }));
  assertMatch(
    text(card(html, "failures")),
    /No VM in trouble, no failed tasks and no firing alerts\./,
  );
  assertMatch(text(html), /No running VM has been sampled yet\./);
  assertMatch(text(html), /No storage pools yet\. Add one/);
});

Deno.test("dashboard - the VM list's memory column: grey 'no guest statistics' without balloon stats", async () => {
  const html = await get("/vms");
  assertMatch(
    html,
    /<meter class="usage-meter meter-neutral" min="0" max="100" value="98" aria-label="Memory assigned to bare"/,
  );
  assertMatch(
    html,
    /<meter class="usage-meter"[^>]*optimum="0" value="95" aria-label="Memory use of db"/,
  );
});
