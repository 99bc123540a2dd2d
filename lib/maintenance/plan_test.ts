// The maintenance plan alone: largest VM first to the host with the most memory left, fewer
// vCPUs per thread breaking ties, the admin's choice kept, and why a VM cannot go anywhere.

import { assertEquals } from "../../tests/support/assert.ts";
import type { PlanHost } from "../../shared/maintenance.ts";
import { planMoves, type PlanVm } from "./plan.ts";

const host = (id: string, free: number, vcpus = 0, extra: Partial<PlanHost> = {}): PlanHost => ({
  id,
  name: id.toUpperCase(),
  connected: true,
  inMaintenance: false,
  memoryFreeMb: free,
  cpuThreads: 8,
  runningVcpus: vcpus,
  ...extra,
});
const vm = (name: string, memoryMb: number, state = "running"): PlanVm => ({
  id: `${name}-uuid`,
  name,
  state,
  memoryMb,
  cpuCount: 2,
});

Deno.test("maintenance plan - by memory left, largest first, ties to the less busy host", () => {
  const plan = planMoves({
    hostId: "local",
    vms: [vm("small", 512), vm("big", 4096), vm("off", 8192, "stopped")],
    hosts: [
      host("local", 100),
      host("a", 5000, 8),
      host("b", 5000, 2),
      host("gone", 99999, 0, {
        connected: false,
      }),
      host("maint", 99999, 0, { inMaintenance: true }),
    ],
    targets: new Map(),
    stopped: "stay",
  });
  const to = Object.fromEntries(plan.moves.map((m) => [m.name, [m.kind, m.to]]));
  // big: a and b tie on memory; b has fewer vCPUs per thread. small: a has more left then.
  assertEquals(to, { big: ["live", "b"], small: ["live", "a"], off: ["stay", null] });
  assertEquals(plan.ok, true);
});

Deno.test("maintenance plan - chosen hosts, moved definitions, and VMs with nowhere to go", () => {
  const hosts = [
    host("local", 0),
    host("a", 1000),
    host("maint", 99999, 0, { inMaintenance: true }),
  ];
  const plan = planMoves({
    hostId: "local",
    vms: [vm("huge", 4096), vm("picked", 256), vm("off", 8192, "stopped"), vm("bad", 10)],
    hosts,
    targets: new Map([["picked-uuid", "a"], ["bad-uuid", "maint"]]),
    stopped: "move",
  });
  const by = Object.fromEntries(plan.moves.map((m) => [m.name, m]));
  assertEquals([by.picked.to, by.picked.chosen], ["a", true]);
  assertEquals([by.off.kind, by.off.to], ["offline", "a"]);
  assertEquals([by.huge.to, by.huge.problem], [
    null,
    "No connected host has 4096 MiB of memory free",
  ]);
  assertEquals([by.bad.to, by.bad.problem], [null, 'Host "MAINT" is in maintenance']);
  assertEquals(plan.ok, false);
  const only = planMoves({
    hostId: "local",
    vms: [vm("huge", 4096), vm("picked", 256)],
    hosts,
    targets: new Map(),
    stopped: "stay",
    only: new Set(["picked-uuid"]),
  });
  assertEquals(only.moves.map((m) => [m.name, m.kind, m.to]), [
    ["huge", "stay", null],
    ["picked", "live", "a"],
  ]);
  assertEquals(only.ok, true);
});
