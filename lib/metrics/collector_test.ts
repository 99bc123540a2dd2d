import { assertEquals } from "../../tests/support/assert.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { MetricsReading } from "../../ffi/libvirt/ops/metrics.ts";
import type { AlertService } from "./alerts.ts";
import { Collector } from "./collector.ts";
import type { MetricsHistory } from "./history.ts";
import type { VmSample } from "./sampler.ts";

const VM = "6695eb01-f6a4-8304-79aa-97f2502e193f";

/** A collector over a stand-in client whose readings `answer` makes (throw to fail one). */
function collectorWith(answer: (slow: boolean, scan: boolean) => Partial<MetricsReading>) {
  const asked: { slow: boolean; scan: boolean }[] = [];
  const client = {
    state: { connected: true },
    stuckCalls: 0,
    readMetrics: (slow: boolean, scan: boolean) => {
      asked.push({ slow, scan });
      try {
        return Promise.resolve({
          atMs: Date.now(),
          slow,
          domains: [{ uuid: VM, name: "vm", params: { "state.state": 1 } }],
          hostCpu: null,
          hostMemory: { totalKiB: 0, freeKiB: 0, reclaimableKiB: 0 },
          ...answer(slow, scan),
        });
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
  const recorded: VmSample[][] = [];
  const collector = new Collector({
    client: client as unknown as LibvirtClient,
    history: {
      record: (_at: number, _h: unknown, vms: VmSample[]) => recorded.push(vms),
    } as unknown as MetricsHistory,
    alerts: { check() {} } as unknown as AlertService,
    tickMs: 5000,
    maintain: () => Promise.resolve(),
  });
  return { collector, client, asked, recorded };
}

Deno.test("collector - the slow reading comes every 6th tick tried, failed ticks counted", async () => {
  let n = 0;
  const { collector, asked } = collectorWith(() => {
    if (n++ === 0) throw new Error("libvirtd did not answer within 1 s");
    return {};
  });
  const log = console.error;
  console.error = () => {};
  try {
    for (let i = 0; i < 13; i++) await collector.tick();
  } finally {
    console.error = log;
  }
  // Before, only successful ticks counted: after the failed slow tick every tick was slow.
  assertEquals(
    asked.map((a) => a.slow),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => i % 6 === 0),
  );
  assertEquals([collector.stats.ticks, collector.stats.errors], [12, 1]);
});

Deno.test("collector - asks which VMs do not answer only while a call is stuck, and marks them", async () => {
  const { collector, client, asked, recorded } = collectorWith((_slow, scan) =>
    scan && client.stuckCalls > 0 ? { unresponsive: [VM] } : scan ? { unresponsive: [] } : {}
  );
  await collector.tick();
  client.stuckCalls = 1;
  await collector.tick();
  client.stuckCalls = 0;
  await collector.tick(); // the VM was marked: look once more, it answers again
  await collector.tick();
  assertEquals(asked.map((a) => a.scan), [false, true, true, false]);
  assertEquals(recorded.map((vms) => vms[0].unresponsive), [undefined, true, undefined, undefined]);
  assertEquals(collector.stats.lastUnresponsive, []);
});

Deno.test("collector - /metrics' reading keeps the last slow figures through fast ticks", async () => {
  let n = 0;
  const { collector } = collectorWith((slow) => ({
    domains: [{
      uuid: VM,
      name: "vm",
      params: {
        "state.state": 1,
        "cpu.time": ++n,
        ...(slow ? { "vcpu.current": 2, "block.count": 1, "block.0.rd.bytes": 10 * n } : {}),
      },
    }],
  }));
  await collector.tick(); // slow
  await collector.tick(); // fast
  // Before, a fast tick dropped them: Prometheus saw the vCPU and block series go stale.
  assertEquals(collector.latest!.domains[0].params, {
    "state.state": 1,
    "cpu.time": 2,
    "vcpu.current": 2,
    "block.count": 1,
    "block.0.rd.bytes": 10,
  });
  for (let i = 0; i < 4; i++) await collector.tick();
  await collector.tick(); // the 7th: slow again, with its own figures
  assertEquals(collector.latest!.domains[0].params["block.0.rd.bytes"], 70);
});
