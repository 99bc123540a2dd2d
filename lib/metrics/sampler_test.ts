import { assertEquals } from "../../tests/support/assert.ts";
import type { MetricsReading } from "../../ffi/libvirt/ops/metrics.ts";
import type { TypedParams } from "../../ffi/libvirt/typed_params.ts";
import { Sampler } from "./sampler.ts";

const UUID = "6b5a6f1e-0000-4000-8000-000000000001";
const GiB_KiB = 1024 * 1024;

function reading(atMs: number, params: TypedParams | null, host = {}): MetricsReading {
  return {
    atMs,
    slow: params?.["block.count"] !== undefined,
    domains: params ? [{ uuid: UUID, name: "web", params }] : [],
    hostCpu: { kernel: 0, user: 0, idle: 0, iowait: 0, ...host },
    hostMemory: { totalKiB: 4 * GiB_KiB, freeKiB: GiB_KiB, reclaimableKiB: GiB_KiB },
  };
}

const slow = (cpuNs: number, rd: number, rx: number): TypedParams => ({
  "state.state": 1,
  "cpu.time": cpuNs,
  "vcpu.current": 2,
  "balloon.current": 2 * GiB_KiB,
  "balloon.available": 2 * GiB_KiB,
  "balloon.unused": GiB_KiB / 2,
  "block.count": 1,
  "block.0.rd.bytes": rd,
  "block.0.wr.bytes": 0,
  "net.count": 1,
  "net.0.rx.bytes": rx,
  "net.0.tx.bytes": 0,
});

const fast = (cpuNs: number, rx: number): TypedParams => ({
  "state.state": 1,
  "cpu.time": cpuNs,
  "net.count": 1,
  "net.0.rx.bytes": rx,
  "net.0.tx.bytes": 0,
});

Deno.test("sampler - rates from counter deltas; memory and disk only on slow readings", () => {
  const s = new Sampler();
  const first = s.take(reading(0, slow(0, 0, 0)));
  // No baseline yet: no CPU or rates, but memory is a level, not a rate.
  assertEquals(first.vms[0], {
    vmId: UUID,
    name: "web",
    cpu: null,
    memUsedMb: 1536,
    memTotalMb: 2048,
    diskRead: null,
    diskWrite: null,
    netRx: null,
    netTx: null,
  });
  // 5 s later, 5 s of CPU time over 2 vCPUs = 50 %; 10 KB/s received.
  const second = s.take(reading(5000, fast(5e9, 50_000)));
  assertEquals(second.vms[0].cpu, 50);
  assertEquals(second.vms[0].netRx, 10_000);
  assertEquals(second.vms[0].memUsedMb, null, "no balloon group on a fast reading");
  assertEquals(second.vms[0].diskRead, null, "no block group on a fast reading");
  // The next slow reading rates disk over the 10 s since the last slow one.
  const third = s.take(reading(10_000, slow(10e9, 1_000_000, 100_000)));
  assertEquals(third.vms[0].diskRead, 100_000);
  assertEquals(third.vms[0].cpu, 50);
});

Deno.test("sampler - a VM that restarted (counters went down) gets no rate that tick", () => {
  const s = new Sampler();
  s.take(reading(0, slow(50e9, 5000, 5000)));
  const after = s.take(reading(5000, slow(1e9, 10, 10)));
  assertEquals([after.vms[0].cpu, after.vms[0].diskRead, after.vms[0].netRx], [null, null, null]);
  const next = s.take(reading(10_000, slow(6e9, 10, 10)));
  assertEquals(next.vms[0].cpu, 50);
});

Deno.test("sampler - a VM missing from a reading (stopped) starts over without a baseline", () => {
  const s = new Sampler();
  s.take(reading(0, slow(0, 0, 0)));
  s.take(reading(5000, null));
  assertEquals(s.vcpus(UUID), undefined);
  assertEquals(s.take(reading(10_000, slow(5e9, 0, 0))).vms[0].cpu, null);
});

Deno.test("sampler - host CPU from busy/total deltas, memory without cache and buffers", () => {
  const s = new Sampler();
  const first = s.take(reading(0, null, { kernel: 0, user: 0, idle: 0 }));
  assertEquals(first.host, { cpu: null, memUsedMb: 2048, memTotalMb: 4096 });
  const second = s.take(reading(5000, null, { kernel: 1e9, user: 2e9, idle: 6e9, iowait: 1e9 }));
  assertEquals(second.host.cpu, 30);
});

Deno.test("sampler - a VM the reading found not answering is marked unresponsive", () => {
  const sampler = new Sampler();
  const domains = ["a", "b"].map((uuid) => ({ uuid, name: uuid, params: { "cpu.time": 1 } }));
  const { vms } = sampler.take({
    atMs: 1000,
    slow: false,
    domains,
    hostCpu: null,
    hostMemory: { totalKiB: 0, freeKiB: 0, reclaimableKiB: 0 },
    unresponsive: ["b"],
  });
  assertEquals(vms.map((s) => s.unresponsive), [undefined, true]);
});

Deno.test("sampler - memory without the guest's balloon statistics is marked as the host's view", () => {
  const s = new Sampler();
  // A guest without the virtio-balloon driver: libvirt has the allocation and QEMU's RSS only.
  const bare = s.take(reading(0, {
    "state.state": 1,
    "balloon.current": 2 * GiB_KiB,
    "balloon.maximum": 2 * GiB_KiB,
    "balloon.rss": 2 * GiB_KiB + 4096,
  })).vms[0];
  assertEquals([bare.memUsedMb, bare.memTotalMb, bare.memNoGuestStats], [2048, 2048, true]);
  // With the guest's figures (available, unused, usable) the use is the guest's: not marked.
  const guest = new Sampler().take(reading(0, { ...slow(0, 0, 0), "balloon.usable": GiB_KiB }));
  assertEquals([guest.vms[0].memUsedMb, guest.vms[0].memNoGuestStats], [1536, undefined]);
});
