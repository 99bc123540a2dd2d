// How an applied change is told to the user: applied now, saved for a stopped VM's next start,
// or waiting for the running VM's next boot (libvirt cannot change everything on a live guest).

import type { AppliedChange } from "../../shared/vms.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

const LABELS: Record<string, string> = {
  name: tKey("Name"),
  cpuCount: tKey("vCPUs"),
  memoryMb: tKey("Memory"),
  description: tKey("Description"),
  autostart: tKey("Autostart"),
  bootOrder: tKey("Boot order"),
  bootMenu: tKey("Boot menu"),
  display: tKey("Display"),
  clipboard: tKey("Shared clipboard"),
};

/** "applied now", or when it is not live: "applies at next boot" / "saved, applies at next start". */
export function whenApplied({ live }: { live: boolean }, running: boolean): string {
  if (live) return t("applied now");
  return running ? t("applies at next boot") : t("saved, applies at next start");
}

/** One line per change, e.g. "Memory: applies at next boot". */
export function changeLines(changes: AppliedChange[], running: boolean): string[] {
  return changes.map((c) => {
    const what = Object.hasOwn(LABELS, c.field) ? t(LABELS[c.field]) : c.field;
    return t("{{what}}: {{when}}", { what, when: whenApplied(c, running) });
  });
}

/** A device change, e.g. "Disk vdb attached: applies at next boot". */
export function deviceLine(what: string, result: { live: boolean }, running: boolean): string {
  return t("{{what}}: {{when}}", { what, when: whenApplied(result, running) });
}
