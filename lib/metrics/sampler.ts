// Turns the cumulative counters of successive collector readings into rates and percents.

import type { MetricsReading } from "../../ffi/libvirt/ops/metrics.ts";
import type { TypedParams } from "../../ffi/libvirt/typed_params.ts";
import { type MemoryFigures, memoryFigures } from "../this_host/memory.ts";

/** One VM at one tick. null where the reading had no such figure (or no baseline yet). */
export interface VmSample {
  vmId: string;
  name: string;
  /** % of the VM's vCPUs. */
  cpu: number | null;
  memUsedMb: number | null;
  memTotalMb: number | null;
  /**
   * Set when the guest sent no balloon statistics (no virtio-balloon driver, or its stats are
   * off): memUsedMb is then what the host sees the VM hold (QEMU's resident size, else its
   * allocation), not memory the guest uses.
   */
  memNoGuestStats?: true;
  /** Bytes per second. */
  diskRead: number | null;
  diskWrite: number | null;
  netRx: number | null;
  netTx: number | null;
  /**
   * Set when the VM's QEMU did not answer libvirt at this tick: the figures that need QEMU's
   * monitor (balloon details, block counters) are missing or stale.
   */
  unresponsive?: true;
}

/** The host at one tick. */
export interface HostSample {
  /** % of all host threads. */
  cpu: number | null;
  memUsedMb: number | null;
  memTotalMb: number | null;
}

/** Sums `prefix.N.field` over the `prefix.count` entries of a stats record. */
export function sumIndexed(p: TypedParams, prefix: string, field: string): number {
  let sum = 0;
  const count = Number(p[`${prefix}.count`] ?? 0);
  for (let i = 0; i < count; i++) sum += Number(p[`${prefix}.${i}.${field}`] ?? 0);
  return sum;
}

/**
 * The balloon figures only the guest's virtio-balloon driver sends; libvirt leaves them out
 * when it sends none. `balloon.rss` is the host's view of QEMU, `balloon.current` libvirt's.
 * https://libvirt.org/manpages/virsh.html#domstats
 */
const GUEST_BALLOON_STATS = ["balloon.unused", "balloon.available", "balloon.usable"];

/**
 * Guest memory in use, KiB. With the balloon driver's guest statistics that is available minus
 * unused; without them (`guestStats` false) only the allocation is known, so the whole of it
 * counts as used (or QEMU's resident size when libvirt reports it).
 */
export function memoryUsedKiB(
  p: TypedParams,
): { usedKiB: number; totalKiB: number; guestStats: boolean } | null {
  if (p["balloon.current"] === undefined) return null;
  const currentKiB = Number(p["balloon.current"]);
  const totalKiB = Number(p["balloon.available"] ?? currentKiB);
  const unused = p["balloon.unused"];
  const usedKiB = unused !== undefined
    ? totalKiB - Number(unused)
    : Number(p["balloon.rss"] ?? currentKiB);
  const guestStats = GUEST_BALLOON_STATS.some((key) => p[key] !== undefined);
  return { usedKiB: Math.min(usedKiB, totalKiB || usedKiB), totalKiB, guestStats };
}

interface Baseline {
  atMs: number;
  cpuTimeNs?: number;
  netRx?: number;
  netTx?: number;
  /** Disk counters come only with slow readings, so their baseline has its own time. */
  diskAtMs?: number;
  diskRead?: number;
  diskWrite?: number;
  vcpus?: number;
}

/** Rate of a counter between two readings; null without a baseline or after a reset. */
function rate(now: number, before: number | undefined, seconds: number): number | null {
  if (before === undefined || seconds <= 0 || now < before) return null;
  return Math.round((now - before) / seconds);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const clampPercent = (n: number) => Math.min(100, Math.max(0, n));

/** Keeps the previous counters of every running VM and of the host between readings. */
export class Sampler {
  #vms = new Map<string, Baseline>();
  #hostCpu: Record<string, number> | null = null;

  /**
   * Samples for one reading. VMs missing from it (stopped) lose their baseline. `meminfo` is
   * this machine's when the reading's libvirt runs here: the host's memory is then the kernel's
   * own figures, as the dashboard shows them (lib/this_host/memory.ts).
   */
  take(
    reading: MetricsReading,
    meminfo: MemoryFigures | null = null,
  ): { host: HostSample; vms: VmSample[] } {
    const seen = new Map<string, Baseline>();
    const unresponsive = new Set(reading.unresponsive);
    const vms = reading.domains.map((rec): VmSample => {
      const p = rec.params;
      const before = this.#vms.get(rec.uuid);
      const seconds = before ? (reading.atMs - before.atMs) / 1000 : 0;
      const cpuTimeNs = p["cpu.time"] === undefined ? undefined : Number(p["cpu.time"]);
      const vcpus = p["vcpu.current"] === undefined ? before?.vcpus : Number(p["vcpu.current"]);
      const netRx = p["net.count"] === undefined ? undefined : sumIndexed(p, "net", "rx.bytes");
      const netTx = p["net.count"] === undefined ? undefined : sumIndexed(p, "net", "tx.bytes");
      const slowRead = p["block.count"] !== undefined;
      const diskRead = slowRead ? sumIndexed(p, "block", "rd.bytes") : undefined;
      const diskWrite = slowRead ? sumIndexed(p, "block", "wr.bytes") : undefined;

      let cpu: number | null = null;
      if (cpuTimeNs !== undefined && before?.cpuTimeNs !== undefined && seconds > 0 && vcpus) {
        const used = cpuTimeNs - before.cpuTimeNs;
        // A CPU time that went down means the VM restarted between readings.
        if (used >= 0) cpu = round1(clampPercent(used / (seconds * 1e9) / vcpus * 100));
      }
      const diskSeconds = before?.diskAtMs === undefined
        ? 0
        : (reading.atMs - before.diskAtMs) / 1000;
      const memory = memoryUsedKiB(p);
      seen.set(rec.uuid, {
        atMs: reading.atMs,
        cpuTimeNs,
        netRx,
        netTx,
        vcpus,
        diskAtMs: slowRead ? reading.atMs : before?.diskAtMs,
        diskRead: slowRead ? diskRead : before?.diskRead,
        diskWrite: slowRead ? diskWrite : before?.diskWrite,
      });
      return {
        vmId: rec.uuid,
        name: rec.name,
        cpu,
        memUsedMb: memory ? Math.round(memory.usedKiB / 1024) : null,
        memTotalMb: memory ? Math.round(memory.totalKiB / 1024) : null,
        ...(memory && !memory.guestStats ? { memNoGuestStats: true as const } : {}),
        diskRead: slowRead ? rate(diskRead!, before?.diskRead, diskSeconds) : null,
        diskWrite: slowRead ? rate(diskWrite!, before?.diskWrite, diskSeconds) : null,
        netRx: netRx === undefined ? null : rate(netRx, before?.netRx, seconds),
        netTx: netTx === undefined ? null : rate(netTx, before?.netTx, seconds),
        ...(unresponsive.has(rec.uuid) ? { unresponsive: true as const } : {}),
      };
    });
    this.#vms = seen;
    return { host: this.#host(reading, meminfo), vms };
  }

  /** A running VM's CPU time at the last reading, and when (a first stats call's baseline). */
  cpuBaseline(vmId: string): { cpuTimeNs: number; atMs: number } | undefined {
    const b = this.#vms.get(vmId);
    return b?.cpuTimeNs === undefined ? undefined : { cpuTimeNs: b.cpuTimeNs, atMs: b.atMs };
  }

  /** vCPUs of a VM as last read (slow readings carry them). */
  vcpus(vmId: string): number | undefined {
    return this.#vms.get(vmId)?.vcpus;
  }

  #host(reading: MetricsReading, meminfo: MemoryFigures | null): HostSample {
    const m = memoryFigures(reading.hostMemory, meminfo);
    const memTotalMb = m.totalKiB ? Math.round(m.totalKiB / 1024) : null;
    const memUsedMb = m.totalKiB
      ? Math.round(Math.max(0, m.totalKiB - m.availableKiB) / 1024)
      : null;
    let cpu: number | null = null;
    const now = reading.hostCpu;
    const before = this.#hostCpu;
    if (now && before) {
      const busy = (c: Record<string, number>) => (c.kernel ?? 0) + (c.user ?? 0);
      const total = (c: Record<string, number>) => busy(c) + (c.idle ?? 0) + (c.iowait ?? 0);
      const spent = total(now) - total(before);
      if (spent > 0) cpu = round1(clampPercent((busy(now) - busy(before)) / spent * 100));
    }
    this.#hostCpu = now;
    return { cpu, memUsedMb, memTotalMb };
  }
}
