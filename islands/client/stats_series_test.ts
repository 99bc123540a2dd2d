// Tests for the client-side rate computation of the live graphs.

import { assertEquals } from "../../lib/testing/assert.ts";
import type { VmStats } from "../../lib/types.ts";
import { StatsSeries } from "./stats_series.ts";

const sample = (timestamp: number, bytes: number): VmStats => ({
  vmId: "x",
  cpuUsagePercent: 10,
  memoryUsedMb: 512,
  memoryAvailableMb: 1024,
  diskReadBytes: bytes,
  diskWriteBytes: bytes * 2,
  networkRxBytes: bytes,
  networkTxBytes: 0,
  timestamp,
});

Deno.test("stats_series - rates are counter deltas per second, first point null", () => {
  const s = new StatsSeries();
  s.push(sample(1000, 0));
  s.push(sample(3000, 4096));
  assertEquals(s.data.t, [1, 3]);
  assertEquals(s.data.diskRead, [null, 2048]);
  assertEquals(s.data.diskWrite, [null, 4096]);
  assertEquals(s.data.netTx, [null, 0]);
});

Deno.test("stats_series - a counter reset gives no rate, not a negative one", () => {
  const s = new StatsSeries();
  s.push(sample(1000, 5000));
  s.push(sample(2000, 100));
  assertEquals(s.data.netRx, [null, null]);
});

Deno.test("stats_series - keeps at most maxPoints and ignores repeated timestamps", () => {
  const s = new StatsSeries(3);
  for (let i = 1; i <= 5; i++) s.push(sample(i * 1000, i));
  s.push(sample(5000, 99));
  assertEquals(s.data.t, [3, 4, 5]);
  assertEquals(s.data.cpu.length, 3);
});
