// get_usage: each CPU's busy share since the last call (from /proc/stat's per-cpuN counters)
// and the memory breakdown `free` shows (from /proc/meminfo). QEMU's own guest agent has no such
// call, so this is what the host's per-core and memory graphs read.

import { readKernelFile } from "./kernel_files.ts";
import type { UsageResult } from "./protocol.ts";
import { parseMeminfo } from "./system.ts";

/** One CPU's jiffies: all of them, and those spent idle (idle + iowait). */
export interface CpuTimes {
  id: number;
  total: number;
  idle: number;
}

/**
 * The `cpuN` lines of /proc/stat (proc(5)): user nice system idle iowait irq softirq steal
 * [guest guest_nice]. guest and guest_nice are already counted in user and nice, so they are
 * left out of the total. The aggregate `cpu` line is skipped.
 */
export function parseProcStat(text: string): CpuTimes[] {
  const out: CpuTimes[] = [];
  for (const line of text.split("\n")) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const f = m[2].trim().split(/\s+/).map(Number);
    if (f.length < 4 || f.some((v) => !Number.isFinite(v))) continue;
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    out.push({
      id: Number(m[1]),
      total: user + nice + system + idle + iowait + irq + softirq + steal,
      idle: idle + iowait,
    });
  }
  return out;
}

/**
 * Each CPU's busy percent (one decimal) between two readings, by CPU id; a CPU missing from
 * either (hot-plugged) or without ticks in between is left out.
 */
export function busyPercents(
  before: CpuTimes[],
  after: CpuTimes[],
): { id: number; busy_percent: number }[] {
  const old = new Map(before.map((c) => [c.id, c]));
  const out: { id: number; busy_percent: number }[] = [];
  for (const c of after) {
    const b = old.get(c.id);
    if (!b) continue;
    const total = c.total - b.total;
    const idle = c.idle - b.idle;
    if (total <= 0) continue;
    const busy = Math.min(100, Math.max(0, (total - idle) / total * 100));
    out.push({ id: c.id, busy_percent: Math.round(busy * 10) / 10 });
  }
  return out;
}

/**
 * Memory as procps-ng's `free` splits it, in bytes: used = total − free − buffers − cache,
 * where cache is Cached + SReclaimable; so used + buffers + cached + free is the total.
 */
export function memoryBreakdown(meminfo: Record<string, number>): UsageResult["memory"] {
  const total = meminfo.MemTotal ?? 0;
  const free = meminfo.MemFree ?? 0;
  const buffers = meminfo.Buffers ?? 0;
  const cached = (meminfo.Cached ?? 0) + (meminfo.SReclaimable ?? 0);
  const swapTotal = meminfo.SwapTotal ?? 0;
  return {
    total_bytes: total,
    free_bytes: free,
    available_bytes: meminfo.MemAvailable ?? free,
    used_bytes: Math.max(0, total - free - buffers - cached),
    buffers_bytes: buffers,
    cached_bytes: cached,
    swap_total_bytes: swapTotal,
    swap_used_bytes: Math.max(0, swapTotal - (meminfo.SwapFree ?? 0)),
  };
}

/** A first call (or one after a long pause) measures over this long instead. */
const FIRST_WINDOW_MS = 250;
/** Counters older than this are stale: the share since then says little about now. */
const STALE_MS = 10 * 60_000;

let last: { at: number; cpus: CpuTimes[] } | null = null;

async function readCpus(): Promise<{ at: number; cpus: CpuTimes[] }> {
  return { at: performance.now(), cpus: parseProcStat(await readKernelFile("/proc/stat") ?? "") };
}

/** The usage since the previous call (the host asks every few seconds while someone looks). */
export async function usage(): Promise<UsageResult> {
  let before = last;
  if (!before || performance.now() - before.at > STALE_MS) {
    before = await readCpus();
    await new Promise((r) => setTimeout(r, FIRST_WINDOW_MS));
  }
  const now = await readCpus();
  last = now;
  const meminfo = parseMeminfo(await readKernelFile("/proc/meminfo") ?? "");
  return {
    interval_ms: Math.round(now.at - before.at),
    cpus: busyPercents(before.cpus, now.cpus),
    memory: memoryBreakdown(meminfo),
  };
}
