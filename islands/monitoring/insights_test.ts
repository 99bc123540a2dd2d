// Insights grouped for display: host first, then VMs by name, the most severe first in each.

import { assertEquals } from "../../tests/support/assert.ts";
import type { Insight } from "../../shared/metrics.ts";
import { groupInsights } from "./insights.ts";

const insight = (over: Partial<Insight>): Insight => ({
  kind: "idle-vm",
  category: "cpu",
  severity: "info",
  vmId: null,
  vmName: null,
  title: "t",
  detail: "d",
  evidence: {},
  ...over,
});

Deno.test("monitoring insights - host first, VMs by name, critical before info", () => {
  const groups = groupInsights([
    insight({ vmId: "u2", vmName: "web", title: "web idle" }),
    insight({ vmId: "u1", vmName: "db", title: "db idle" }),
    insight({ vmId: "u2", vmName: "web", severity: "critical", title: "web saturated" }),
    insight({ kind: "host-cpu-saturation", severity: "warning", title: "host busy" }),
  ]);
  assertEquals(groups.map((g) => [g.key, g.title, g.insights.map((i) => i.title)]), [
    ["host", "Host", ["host busy"]],
    ["u1", "db", ["db idle"]],
    ["u2", "web", ["web saturated", "web idle"]],
  ]);
  assertEquals(groupInsights([]), []);
});
