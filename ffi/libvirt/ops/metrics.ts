// The collector's reading each tick: every running domain's counters in one bulk call, plus
// the host's CPU and memory counters. The number of libvirt calls does not depend on how many
// domains there are. Made from the JS thread with nonblocking calls (off_thread.ts), so the
// call made every few seconds needs no worker isolate; finding the domains whose QEMU does not
// answer is a worker op (one call per domain, only while a call is stuck).

import {
  type Connection,
  type DomainStatsRecord,
  ListFlags,
  monitorStuck,
  StatsTypes,
} from "../connection.ts";
import { ErrorCode, LibvirtError } from "../error.ts";
import { OffThread } from "../off_thread.ts";

/**
 * Every tick: state, CPU time, interface counters. On libvirt 9 with QEMU 7.2 the CPU group
 * also asks QEMU's monitor (halt-polling figures), so it takes each domain's job: NOWAIT skips
 * a domain whose job is held, and LibvirtClient gives the first call that waits on a hung
 * monitor a short deadline (STATS_OPS).
 */
const FAST_STATS = StatsTypes.STATE | StatsTypes.CPU_TOTAL | StatsTypes.INTERFACE;
/** Slower cadence: these ask QEMU's monitor (balloon, block) or read a file per vCPU thread. */
const SLOW_STATS = FAST_STATS | StatsTypes.VCPU | StatsTypes.BALLOON | StatsTypes.BLOCK;

/** Host memory in KiB. */
export interface HostMemory {
  totalKiB: number;
  freeKiB: number;
  /** Page cache and buffers, which the kernel gives back on demand; 0 where unknown. */
  reclaimableKiB: number;
}

/** What one collector tick read. */
export interface MetricsReading {
  /** When the bulk call returned, Unix ms. */
  atMs: number;
  /** True when the slower groups (vCPUs, balloon, block) were read too. */
  slow: boolean;
  domains: DomainStatsRecord[];
  /** Cumulative host CPU nanoseconds by field ("kernel", "user", "idle", "iowait"). */
  hostCpu: Record<string, number> | null;
  hostMemory: HostMemory;
  /** The host's CPU threads, read with the slow groups. */
  hostThreads?: number;
  /** libvirt calls this trip made, by function, when KVMM_COUNT_LIBVIRT_CALLS=1. */
  calls?: Record<string, number>;
  /** UUIDs of the domains whose QEMU monitor does not answer (read only when scanning). */
  unresponsive?: string[];
}

/** libvirt's node memory statistics as HostMemory. */
export function hostMemoryOf(m: Record<string, number>): HostMemory {
  return {
    totalKiB: m.total ?? 0,
    freeKiB: m.free ?? 0,
    reclaimableKiB: (m.buffers ?? 0) + (m.cached ?? 0),
  };
}

export function unsupported(err: unknown): boolean {
  return err instanceof LibvirtError && err.code === ErrorCode.NO_SUPPORT;
}

// Connections known to lack virNodeGetMemoryStats, so each tick does not fail on it again.
const noMemoryStats = new WeakSet<Connection>();

async function hostMemory(conn: Connection, calls: OffThread): Promise<HostMemory> {
  if (noMemoryStats.has(conn)) return await memoryFromNodeInfo(calls);
  try {
    return hostMemoryOf(await calls.nodeMemoryStats());
  } catch (err) {
    if (!unsupported(err)) throw err;
    noMemoryStats.add(conn);
    return await memoryFromNodeInfo(calls);
  }
}

/** libvirt's test driver has no memory stats: node info and free memory still answer. */
async function memoryFromNodeInfo(calls: OffThread): Promise<HostMemory> {
  return {
    totalKiB: (await calls.nodeInfo()).memoryKiB,
    freeKiB: await calls.freeMemoryBytes() / 1024,
    reclaimableKiB: 0,
  };
}

async function hostCpu(calls: OffThread): Promise<Record<string, number> | null> {
  try {
    return await calls.nodeCpuStats();
  } catch (err) {
    if (unsupported(err)) return null;
    throw err;
  }
}

/** One tick's reading on `conn`, which must carry no other call meanwhile (off_thread.ts). */
export async function metricsReading(conn: Connection, slow: boolean): Promise<MetricsReading> {
  const calls = new OffThread(conn);
  const domains = await calls.allDomainStats(
    slow ? SLOW_STATS : FAST_STATS,
    ListFlags.ACTIVE | ListFlags.NOWAIT,
  );
  const atMs = Date.now();
  const reading: MetricsReading = {
    atMs,
    slow,
    domains,
    hostCpu: await hostCpu(calls),
    hostMemory: await hostMemory(conn, calls),
  };
  if (slow) reading.hostThreads = (await calls.nodeInfo()).cpus;
  if (calls.calls) reading.calls = calls.calls;
  return reading;
}

export const metricsOps = {
  /**
   * UUIDs of the running domains whose QEMU monitor does not answer: one
   * virDomainGetControlInfo each, which needs neither the domain's job nor its monitor.
   */
  unresponsiveDomains(conn: Connection): string[] {
    const stuck: string[] = [];
    for (const dom of conn.listAllDomains(ListFlags.ACTIVE)) {
      try {
        if (monitorStuck(dom)) stuck.push(dom.getUUIDString());
      } finally {
        dom.free();
      }
    }
    return stuck;
  },
};
