import { assertEquals } from "../../tests/support/assert.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { MetricsReading } from "../../ffi/libvirt/ops/metrics.ts";
import type { AlertService } from "../metrics/alerts.ts";
import { Collector } from "../metrics/collector.ts";
import type { MetricsHistory } from "../metrics/history.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { withListExtras } from "./list_summary.ts";

const RUNNING: VmSummary = { id: "a", name: "web", state: "running", cpuCount: 2, memoryMb: 1024 };
const STOPPED: VmSummary = { id: "b", name: "db", state: "stopped", cpuCount: 1, memoryMb: 512 };

Deno.test("vm list - rows gain addresses, tags and the latest usage where known", () => {
  const rows = withListExtras([RUNNING, STOPPED], {
    addresses: (id) => id === "a" ? ["10.0.0.5"] : undefined,
    policies: new Map([["b", { tags: ["db"] }]]),
    usage: new Map([
      ["a", { cpu: 12.5, memUsedMb: 256, memTotalMb: 1024 }],
      // A stale sample of a VM that has stopped since is not shown.
      ["b", { cpu: 50, memUsedMb: 1, memTotalMb: 2 }],
    ]),
  });
  assertEquals(rows, [
    { ...RUNNING, ipAddresses: ["10.0.0.5"], cpuPercent: 12.5, memoryPercent: 25 },
    { ...STOPPED, tags: ["db"] },
  ]);
});

Deno.test("vm list - no figure is made up: a sample without CPU or memory adds none", () => {
  const rows = withListExtras([RUNNING], {
    usage: new Map([["a", { cpu: null, memUsedMb: null, memTotalMb: null }]]),
  });
  assertEquals(rows, [RUNNING]);
  assertEquals(withListExtras([RUNNING], {}), [RUNNING]);
});

Deno.test("vm list - rows gain the OS the cache has read, stopped VMs too", () => {
  const rows = withListExtras([RUNNING, STOPPED], {
    os: (id) => id === "b" ? "debian12" : undefined,
  });
  assertEquals(rows, [RUNNING, { ...STOPPED, os: "debian12" }]);
});

Deno.test("vm list - the collector keeps each VM's last sample, memory across fast ticks", async () => {
  let tick = 0;
  const params = (slow: boolean) => ({
    "state.state": 1,
    "cpu.time": tick * 1e9,
    "vcpu.current": 2,
    ...(slow ? { "balloon.current": 1048576, "balloon.rss": 262144 } : {}),
  });
  const client = {
    state: { connected: true },
    stuckCalls: 0,
    readMetrics: (slow: boolean): Promise<MetricsReading> =>
      Promise.resolve({
        atMs: 1000 * ++tick,
        slow,
        domains: [{ uuid: "a", name: "web", params: params(slow) }],
        hostCpu: null,
        hostMemory: { totalKiB: 0, freeKiB: 0, reclaimableKiB: 0 },
      }),
  };
  const collector = new Collector({
    client: client as unknown as LibvirtClient,
    history: { record() {} } as unknown as MetricsHistory,
    alerts: { check() {} } as unknown as AlertService,
    tickMs: 5000,
    maintain: () => Promise.resolve(),
  });
  assertEquals(collector.latestVmSamples().size, 0);
  await collector.tick(); // slow: memory, no CPU baseline yet
  assertEquals(collector.latestVmSamples().get("a")?.memUsedMb, 256);
  await collector.tick(); // fast: CPU, memory carried over
  const sample = collector.latestVmSamples().get("a");
  assertEquals([sample?.cpu, sample?.memUsedMb, sample?.memTotalMb], [50, 256, 1024]);
  const [row] = withListExtras([RUNNING], { usage: collector.latestVmSamples() });
  assertEquals([row.cpuPercent, row.memoryPercent], [50, 25]);
  // Only QEMU's resident size, no guest statistics: said so, across the fast tick too.
  assertEquals(row.memoryNoGuestStats, true);
});

Deno.test("vm list - memory without guest statistics is marked; with them it is not", () => {
  const rows = withListExtras([RUNNING, { ...RUNNING, id: "c", name: "guest" }], {
    usage: new Map([
      ["a", { memUsedMb: 1000, memTotalMb: 1024, memNoGuestStats: true }],
      ["c", { memUsedMb: 1000, memTotalMb: 1024 }],
    ]),
  });
  assertEquals(rows.map((r) => [r.memoryPercent, r.memoryNoGuestStats]), [
    [97.7, true],
    [97.7, undefined],
  ]);
});

Deno.test("vm list - rows gain disk and network rates where sampled, rounded to whole bytes", () => {
  const rows = withListExtras([RUNNING], {
    usage: new Map([["a", { diskRead: 1500.4, diskWrite: 0, netRx: null, netTx: 99.6 }]]),
  });
  assertEquals(rows, [{ ...RUNNING, diskReadBps: 1500, diskWriteBps: 0, netTxBps: 100 }]);
});
