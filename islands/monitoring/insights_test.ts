// Insights for display: their words (the server's English from the figures), and grouped: host
// first, then VMs by name, the most severe first in each.

import { assertEquals } from "../../tests/support/assert.ts";
import { type Insight, INSIGHT_KINDS } from "../../shared/metrics.ts";
import { HOST_SOURCE } from "../../lib/metrics/history.ts";
import type { SourceSummary } from "../../lib/metrics/history_summary.ts";
import { insightsFrom } from "../../lib/metrics/insights.ts";
import { groupInsights, insightWords } from "./insights.ts";

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

Deno.test("monitoring insights - each kind's words from its figures are the server's English", () => {
  const vm = (name: string, over: Partial<SourceSummary>): SourceSummary => ({
    uuid: `uuid-${name}`,
    name,
    vcpus: 2,
    hours: 24,
    avgCpu: 40,
    maxCpu: 60,
    avgMemUsedMb: 1000,
    maxMemUsedMb: 1200,
    memTotalMb: 2048,
    avgDisk: 100_000,
    avgNet: 100_000,
    ...over,
  });
  const host = vm("host", {
    uuid: HOST_SOURCE,
    vcpus: 2,
    hours: 30,
    avgCpu: 96.44,
    maxCpu: 99,
    avgMemUsedMb: 31_000,
    memTotalMb: 32_000,
  });
  const { insights } = insightsFrom([
    host,
    vm("idle", { avgCpu: 0.54, maxCpu: 3, avgDisk: 0, avgNet: 2200, vcpus: 4 }),
    vm("big", { vcpus: 8, avgCpu: 8, maxCpu: 20 }),
    vm("fat", { memTotalMb: 8192, maxMemUsedMb: 1000, avgMemUsedMb: 800 }),
    vm("busy", { avgCpu: 85.25, maxCpu: 100, vcpus: 1 }),
    vm("tight", { avgMemUsedMb: 1900, maxMemUsedMb: 2048 }),
    vm("spiky", { avgCpu: 10, maxCpu: 97 }),
  ], "24h");
  assertEquals(new Set(insights.map((i) => i.kind)), new Set(INSIGHT_KINDS));
  for (const i of insights) {
    assertEquals(insightWords(i), { title: i.title, detail: i.detail }, i.kind);
  }
  // Figures missing: the server's words as sent.
  const odd = { ...insights[0], evidence: {} };
  assertEquals(insightWords(odd), { title: odd.title, detail: odd.detail });
});
