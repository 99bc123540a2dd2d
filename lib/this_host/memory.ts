// The host's memory as every page shows it: one total and one available figure from one source,
// so the dashboard's card, the host graph, the alerts and /metrics agree. On this machine that is
// the kernel's own MemTotal and MemAvailable (what `free` shows); elsewhere libvirt's node memory
// statistics, where available is free + buffers + page cache (libvirt reports no MemAvailable).

import type { HostMemory } from "../../ffi/libvirt/ops/metrics.ts";

/** Host memory in KiB: the total, and what can be given to new work without swapping. */
export interface MemoryFigures {
  totalKiB: number;
  availableKiB: number;
}

/** MemTotal and MemAvailable of a /proc/meminfo text; null when either is missing. */
export function parseMeminfo(text: string): MemoryFigures | null {
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text);
    return m ? Number(m[1]) : null;
  };
  const totalKiB = field("MemTotal");
  const availableKiB = field("MemAvailable");
  return totalKiB === null || availableKiB === null ? null : { totalKiB, availableKiB };
}

/** This machine's MemTotal and MemAvailable; null where /proc/meminfo cannot be read. */
export function readMeminfo(path = "/proc/meminfo"): MemoryFigures | null {
  try {
    return parseMeminfo(Deno.readTextFileSync(path));
  } catch {
    return null;
  }
}

/**
 * The figures to show for a host whose libvirt reported `libvirt`: `local` (this machine's
 * /proc/meminfo, read when the URI is this machine's) wins; else libvirt's total, and free plus
 * what the kernel gives back on demand as available.
 */
export function memoryFigures(libvirt: HostMemory, local: MemoryFigures | null): MemoryFigures {
  if (local) return local;
  const availableKiB = Math.min(libvirt.totalKiB, libvirt.freeKiB + libvirt.reclaimableKiB);
  return { totalKiB: libvirt.totalKiB, availableKiB };
}
