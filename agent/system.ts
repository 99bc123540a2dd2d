// get_system_info: what the guest is (os-release, kernel, arch) and how it is doing (uptime,
// memory, load), read from /etc and /proc.

import { readKernelFile } from "./kernel_files.ts";
import type { SystemInfo } from "./protocol.ts";

export async function systemInfo(): Promise<SystemInfo> {
  const os = await osRelease();
  const meminfo = parseMeminfo(await readKernelFile("/proc/meminfo") ?? "");
  const load = Deno.loadavg();
  return {
    os_type: Deno.build.os,
    os_id: os.ID ?? null,
    os_name: os.NAME ?? null,
    os_version: os.VERSION_ID ?? os.VERSION ?? null,
    os_pretty_name: os.PRETTY_NAME ?? null,
    kernel_release: Deno.osRelease(),
    hostname: Deno.hostname(),
    arch: Deno.build.arch,
    uptime_seconds: parseUptime(await readKernelFile("/proc/uptime") ?? "") ?? Deno.osUptime(),
    cpu_count: navigator.hardwareConcurrency,
    memory_total_bytes: meminfo.MemTotal ?? Deno.systemMemoryInfo().total,
    memory_available_bytes: meminfo.MemAvailable ?? Deno.systemMemoryInfo().available,
    load_average: [load[0], load[1], load[2]],
  };
}

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return fallback;
  }
}

// os-release(5): /etc/os-release, else /usr/lib/os-release.
async function osRelease(): Promise<Record<string, string>> {
  const text = await readOr("/etc/os-release", "") || await readOr("/usr/lib/os-release", "");
  return parseOsRelease(text);
}

/** KEY=value lines, values optionally quoted with shell-style escapes. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Z0-9_]+)=(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\([\\$"`])/g, "$1");
    }
    out[m[1]] = value;
  }
  return out;
}

/** /proc/meminfo values in bytes ("MemTotal:  16314204 kB"). */
export function parseMeminfo(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^(\w+):\s+(\d+)(?:\s+kB)?/.exec(line);
    if (m) out[m[1]] = Number(m[2]) * (line.includes("kB") ? 1024 : 1);
  }
  return out;
}

export function parseUptime(text: string): number | null {
  const seconds = Number.parseFloat(text);
  return Number.isFinite(seconds) ? seconds : null;
}
