// Whether the host booted since this program last ran: the kernel's boot id
// (/proc/sys/kernel/random/boot_id, new at every boot), else the boot time in /proc/stat
// ("btime"), compared with the value kept in the app store's settings under "startup.boot".

import type { Store } from "../store.ts";
import { settingText, writeSetting } from "../store_settings.ts";

const KEY = "startup.boot";

/** This boot's id: the kernel's boot id, else "btime:<seconds>"; null when neither is readable. */
export function currentBootId(
  read: (path: string) => string = (p) => Deno.readTextFileSync(p),
): string | null {
  try {
    const id = read("/proc/sys/kernel/random/boot_id").trim();
    if (id) return id;
  } catch { /* not Linux, or /proc not mounted: try the boot time */ }
  try {
    const btime = /^btime\s+(\d+)$/m.exec(read("/proc/stat"))?.[1];
    if (btime) return `btime:${btime}`;
  } catch { /* neither */ }
  return null;
}

/** The boot id kept when the start at boot last ran to its end, or null. */
export function lastBootId(store: Store): string | null {
  const text = settingText(store, KEY);
  if (text === undefined) return null;
  try {
    const id = JSON.parse(text)?.bootId;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

/** Keeps `bootId` as the boot the start at boot has run for. */
export function recordBootId(store: Store, bootId: string): void {
  store.write(() => writeSetting(store, KEY, { bootId }));
}

/**
 * What this start of the program is: "boot" when the host booted since the last run
 * (the start in order is due), "same" when it did not, "first" when no boot was kept yet (a new
 * install or an upgrade: libvirtd started the autostart VMs itself, so nothing is due), and
 * "unknown" when the boot cannot be read.
 */
export function bootKind(
  store: Store,
  bootId: string | null,
): "boot" | "same" | "first" | "unknown" {
  if (bootId === null) return "unknown";
  const last = lastBootId(store);
  return last === null ? "first" : last === bootId ? "same" : "boot";
}
