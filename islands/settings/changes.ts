// How an applied change is told to the user: applied now, saved for a stopped VM's next start,
// or waiting for the running VM's next boot (libvirt cannot change everything on a live guest).

import type { AppliedChange } from "../../shared/vms.ts";

const LABELS: Record<string, string> = {
  name: "Name",
  cpuCount: "vCPUs",
  memoryMb: "Memory",
  description: "Description",
  autostart: "Autostart",
  bootOrder: "Boot order",
  bootMenu: "Boot menu",
};

/** "applied now", or when it is not live: "applies at next boot" / "saved, applies at next start". */
export function whenApplied({ live }: { live: boolean }, running: boolean): string {
  if (live) return "applied now";
  return running ? "applies at next boot" : "saved, applies at next start";
}

/** One line per change, e.g. "Memory: applies at next boot". */
export function changeLines(changes: AppliedChange[], running: boolean): string[] {
  return changes.map((c) => `${LABELS[c.field] ?? c.field}: ${whenApplied(c, running)}`);
}

/** A device change, e.g. "Disk vdb attached: applies at next boot". */
export function deviceLine(what: string, result: { live: boolean }, running: boolean): string {
  return `${what}: ${whenApplied(result, running)}`;
}
