// Units, scopes and evidence labels of the monitoring pages.

import { assertEquals } from "../../tests/support/assert.ts";
import {
  evidenceLabel,
  formatTime,
  metricUnit,
  rowCounts,
  scopeLabel,
  withUnit,
} from "./format.ts";

Deno.test("monitoring format - thresholds carry their metric's unit", () => {
  assertEquals(metricUnit("cpu"), "%");
  assertEquals(metricUnit("network"), "MiB/s");
  assertEquals(withUnit("memory", 90), "90 %");
  assertEquals(withUnit("disk", 12.345), "12.35 MiB/s");
});

Deno.test("monitoring format - a scope is every VM, a VM's name, or the UUID of a gone VM", () => {
  const vms = [{ id: "u1", name: "web" }];
  assertEquals(scopeLabel(null, vms), "All VMs");
  assertEquals(scopeLabel("u1", vms), "web");
  assertEquals(scopeLabel("u2", vms), "u2");
});

Deno.test("monitoring format - evidence keys and row counts in words", () => {
  assertEquals(evidenceLabel("avgCpuPercent"), "Avg CPU percent");
  assertEquals(evidenceLabel("vcpus"), "vCPUs");
  assertEquals(evidenceLabel("p95MemUsedMb"), "P95 mem used MB");
  assertEquals(evidenceLabel("hours"), "Hours");
  assertEquals(evidenceLabel("avgIoBytesPerSecond"), "Avg I/O bytes per second");
  assertEquals(
    rowCounts({ raw: 12000, minute: 0, hour: 1 }),
    "12,000 raw, 0 one-minute, 1 one-hour",
  );
});

Deno.test("monitoring format - a time reads as Date.toLocaleString says it; none is a dash", () => {
  const iso = "2026-05-01T09:03:07Z";
  assertEquals(formatTime(iso), new Date(iso).toLocaleString("en"));
  assertEquals(formatTime(null), "—");
});
