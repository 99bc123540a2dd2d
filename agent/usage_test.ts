import { assert, assertEquals } from "../tests/support/assert.ts";
import { busyPercents, memoryBreakdown, parseProcStat } from "./usage.ts";
import { parseMeminfo } from "./system.ts";
import { callWith, resultOf, testConfig } from "../tests/harness/test_util.ts";
import type { UsageResult } from "./protocol.ts";

// /proc/stat as read on this project's 2-core Debian 12 test machine (head, intr shortened), then
// the same counters 10 s on as they would be with cpu0 near idle and cpu1 spinning.
const STAT_BEFORE = `cpu  1069515 31818 655341 621373 40535 0 22689 0 0 0
cpu0 533369 15569 321470 327445 12255 0 10546 0 0 0
cpu1 536146 16248 333870 293928 28280 0 12142 0 0 0
intr 17271283 0 0 0 0
ctxt 41099573
btime 1795587108
processes 223765
procs_running 4
`;
const STAT_AFTER = `cpu  1070616 31818 655441 622323 40535 0 22689 0 0 0
cpu0 533419 15569 321520 328395 12255 0 10546 0 0 0
cpu1 537197 16248 333920 293928 28280 0 12142 0 0 0
intr 17271999 0 0 0 0
`;
// /proc/meminfo as a Debian 12 guest with 1 GiB of RAM and 512 MiB of swap, partly used, prints it
// (its fields and layout; the lines the parser must skip kept in).
const MEMINFO = `MemTotal:        1004356 kB
MemFree:          412220 kB
MemAvailable:     701588 kB
Buffers:           21636 kB
Cached:           281604 kB
SwapCached:         1024 kB
Active:           204524 kB
Inactive:         230068 kB
Shmem:              3172 kB
SReclaimable:      24960 kB
SUnreclaim:        21804 kB
SwapTotal:        524284 kB
SwapFree:         520188 kB
HugePages_Total:       0
`;

Deno.test("get_usage - /proc/stat cpuN lines as jiffies, the aggregate line skipped", () => {
  assertEquals(parseProcStat(STAT_BEFORE), [
    { id: 0, total: 533369 + 15569 + 321470 + 327445 + 12255 + 10546, idle: 327445 + 12255 },
    { id: 1, total: 536146 + 16248 + 333870 + 293928 + 28280 + 12142, idle: 293928 + 28280 },
  ]);
  // A kernel of old with only four fields still parses; junk lines do not.
  assertEquals(parseProcStat("cpu3 10 0 5 85\ncpuX 1 2 3 4\ncpu4 a b c d\n"), [
    { id: 3, total: 100, idle: 85 },
  ]);
});

Deno.test("get_usage - busy percent per core from two readings", () => {
  // cpu0: 50+50 busy of 1050 jiffies; cpu1: 1051+50 busy, no idle.
  assertEquals(busyPercents(parseProcStat(STAT_BEFORE), parseProcStat(STAT_AFTER)), [
    { id: 0, busy_percent: 9.5 },
    { id: 1, busy_percent: 100 },
  ]);
  // A CPU that came online between the readings, or one without ticks, is left out.
  assertEquals(
    busyPercents([{ id: 0, total: 10, idle: 5 }], [
      { id: 0, total: 10, idle: 5 },
      { id: 1, total: 50, idle: 0 },
    ]),
    [],
  );
});

Deno.test("get_usage - memory split as free(1) splits it", () => {
  const kib = 1024;
  assertEquals(memoryBreakdown(parseMeminfo(MEMINFO)), {
    total_bytes: 1004356 * kib,
    free_bytes: 412220 * kib,
    available_bytes: 701588 * kib,
    used_bytes: (1004356 - 412220 - 21636 - 281604 - 24960) * kib,
    buffers_bytes: 21636 * kib,
    cached_bytes: (281604 + 24960) * kib,
    swap_total_bytes: 524284 * kib,
    swap_used_bytes: (524284 - 520188) * kib,
  });
});

Deno.test("get_usage - answers for this machine, one entry per CPU", async () => {
  const out = resultOf(await callWith(testConfig(), "get_usage")) as UsageResult;
  assertEquals(out.cpus.length, navigator.hardwareConcurrency);
  assert(out.cpus.every((c) => c.busy_percent >= 0 && c.busy_percent <= 100), JSON.stringify(out));
  assert(out.interval_ms >= 200, `a first window of 250 ms: ${out.interval_ms}`);
  const m = out.memory;
  assertEquals(m.used_bytes + m.buffers_bytes + m.cached_bytes + m.free_bytes, m.total_bytes);
  assertEquals(m.total_bytes, parseMeminfo(await Deno.readTextFile("/proc/meminfo")).MemTotal);
});
