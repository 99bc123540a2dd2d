import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { StatsService } from "./stats.ts";

const UUID = "6b5a6f1e-0000-4000-8000-000000000001";

/**
 * A stand-in for the libvirt client's one bulk stats call: a running 2-vCPU VM whose CPU time
 * grows at `busy` vCPUs' worth of time, counting the calls made. `now` is the service's clock:
 * the real time of the last reading, so the service stamps each sample with the very moment its
 * CPU time was read (with the real clock, a busy test machine could pass milliseconds between
 * the two and skew the figure).
 */
function vm(busy: number) {
  const born = Date.now() - 60_000;
  let calls = 0;
  let readAt = Date.now();
  const cpuTimeAt = (ms: number) => (ms - born) * 1e6 * busy;
  const client = {
    call: (_op: string, _ids: string[]) => {
      calls++;
      readAt = Date.now();
      return Promise.resolve([{
        uuid: UUID,
        name: "web",
        params: { "state.state": 1, "cpu.time": cpuTimeAt(readAt), "vcpu.current": 2 },
      }]);
    },
  } as unknown as LibvirtClient;
  return { client, calls: () => calls, cpuTimeAt, now: () => readAt };
}

Deno.test("stats - the first call takes its CPU baseline from the collector's last tick: one call", async () => {
  const { client, calls, cpuTimeAt, now } = vm(1);
  const tickAt = Date.now() - 5000;
  const baseline = () => ({ cpuTimeNs: cpuTimeAt(tickAt), atMs: tickAt });
  const stats = new StatsService(client, baseline, now);
  const first = await stats.get(UUID);
  assertEquals(calls(), 1);
  // One of two vCPUs busy: 50 %.
  assert(Math.abs(first.cpuUsagePercent - 50) <= 1, `${first.cpuUsagePercent} %`);
});

Deno.test("stats - without a baseline, two readings a short window apart give a real figure", async () => {
  const { client, calls, now } = vm(2);
  const stats = new StatsService(client, undefined, now);
  const first = await stats.get(UUID);
  assertEquals(calls(), 2);
  assert(Math.abs(first.cpuUsagePercent - 100) <= 1, `${first.cpuUsagePercent} %`);
  // The second call has the first's sample: one call.
  await stats.get(UUID);
  assertEquals(calls(), 3);
});

Deno.test("stats - a baseline from before a restart (CPU time went down) is not used", async () => {
  const { client, calls, now } = vm(1);
  const stale = () => ({ cpuTimeNs: 1e18, atMs: Date.now() - 5000 });
  const stats = new StatsService(client, stale, now);
  const first = await stats.get(UUID);
  assertEquals(calls(), 2, "fell back to the short window");
  assert(Math.abs(first.cpuUsagePercent - 50) <= 2, `${first.cpuUsagePercent} %`);
});
