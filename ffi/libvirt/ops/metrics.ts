// The collector's one worker trip per tick: every running domain's counters in one bulk call,
// plus the host's CPU and memory counters. The number of libvirt calls does not depend on how
// many domains there are.

import {
  type Connection,
  type DomainStatsRecord,
  ListFlags,
  scanning,
  StatsTypes,
} from "../connection.ts";
import { ErrorCode, LibvirtError } from "../error.ts";
import { libvirtCallCounts } from "../library.ts";

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
  /** When the bulk call returned, Unix ms (taken on the worker). */
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

function unsupported(err: unknown): boolean {
  return err instanceof LibvirtError && err.code === ErrorCode.NO_SUPPORT;
}

// Connections known to lack virNodeGetMemoryStats, so each tick does not fail on it again.
const noMemoryStats = new WeakSet<Connection>();

function hostMemory(conn: Connection): HostMemory {
  if (noMemoryStats.has(conn)) return memoryFromNodeInfo(conn);
  try {
    const m = conn.getNodeMemoryStats();
    return {
      totalKiB: m.total ?? 0,
      freeKiB: m.free ?? 0,
      reclaimableKiB: (m.buffers ?? 0) + (m.cached ?? 0),
    };
  } catch (err) {
    if (!unsupported(err)) throw err;
    noMemoryStats.add(conn);
    return memoryFromNodeInfo(conn);
  }
}

/** libvirt's test driver has no memory stats: node info and free memory still answer. */
function memoryFromNodeInfo(conn: Connection): HostMemory {
  return {
    totalKiB: conn.getNodeInfo().memoryKiB,
    freeKiB: conn.getFreeMemory() / 1024,
    reclaimableKiB: 0,
  };
}

function hostCpu(conn: Connection): Record<string, number> | null {
  try {
    return conn.getNodeCPUStats();
  } catch (err) {
    if (unsupported(err)) return null;
    throw err;
  }
}

function difference(after: Record<string, number>, before: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(after)) {
    if (n !== (before[name] ?? 0)) out[name] = n - (before[name] ?? 0);
  }
  return out;
}

export const metricsOps = {
  /**
   * One tick's reading. `scan` adds one virDomainGetControlInfo per running domain to find
   * those whose QEMU does not answer (the collector asks only while a call is stuck).
   */
  metricsReading(conn: Connection, slow: boolean, scan = false): MetricsReading {
    const before = libvirtCallCounts();
    const stuck = new Set<string>();
    const domains = conn.getAllDomainStats(
      slow ? SLOW_STATS : FAST_STATS,
      ListFlags.ACTIVE | ListFlags.NOWAIT,
      scanning(scan, stuck),
    );
    const atMs = Date.now();
    const reading: MetricsReading = {
      atMs,
      slow,
      domains,
      hostCpu: hostCpu(conn),
      hostMemory: hostMemory(conn),
    };
    if (slow) reading.hostThreads = conn.getNodeInfo().cpus;
    if (scan) reading.unresponsive = [...stuck];
    const calls = difference(libvirtCallCounts(), before);
    if (Object.keys(calls).length) reading.calls = calls;
    return reading;
  },
};
