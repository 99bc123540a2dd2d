// A running VM's pending changes (Vm.pending) in a user's words: "vCPUs: 2 → 4",
// "Disk vdb: (none) → /var/lib/…/data.qcow2", for the header, the Summary and the Hardware tab.

import type { PendingChange, PendingField, PendingValue, Vm } from "../../shared/vms.ts";
import { formatMb, yesNo } from "../../shared/format.ts";
import { DISPLAY_NAMES } from "../../shared/display.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

const LABELS: Record<PendingField, string> = {
  cpuCount: tKey("vCPUs"),
  maxCpuCount: tKey("Maximum vCPUs"),
  memoryMb: tKey("Memory"),
  currentMemoryMb: tKey("Current memory"),
  machine: tKey("Machine"),
  firmware: tKey("Firmware"),
  secureBoot: tKey("Secure Boot"),
  tpm: "TPM",
  bootOrder: tKey("Boot order"),
  bootMenu: tKey("Boot menu"),
  display: tKey("Display"),
  clipboard: tKey("Shared clipboard"),
  disk: tKey("Disk {{device}}"),
  nic: tKey("Network interface {{device}}"),
  hostdev: tKey("Host device {{device}}"),
  filesystem: tKey("Shared folder {{device}}"),
};

const BOOT_DEVICES: Record<string, string> = {
  hd: tKey("Hard disk"),
  cdrom: tKey("CD-ROM"),
  network: tKey("Network (PXE)"),
  fd: tKey("Floppy"),
};

/** The setting's name: "vCPUs", "Disk vdb". */
export function pendingLabel(c: Pick<PendingChange, "field" | "device">): string {
  const label = LABELS[c.field];
  if (label === undefined) return c.field;
  // TPM is a name, not a word to translate.
  if (c.field === "tpm") return label;
  return t(label, { device: c.device ?? "" });
}

/** One side's value in words; a device missing on that side is "absent". */
export function pendingValueText(field: PendingField, value: PendingValue): string {
  if (value === null) return t("absent");
  if (field === "memoryMb" || field === "currentMemoryMb") return formatMb(Number(value));
  if (typeof value === "boolean") return yesNo(value);
  if (field === "firmware") return value === "uefi" ? "UEFI" : "BIOS";
  if (field === "display") return DISPLAY_NAMES[value as "vnc" | "spice"] ?? String(value);
  if (field === "bootOrder" && Array.isArray(value)) {
    return value.map((d) => Object.hasOwn(BOOT_DEVICES, d) ? t(BOOT_DEVICES[d]) : d).join(", ");
  }
  // An empty drive (a CD-ROM without a disc).
  if (field === "disk" && value === "") return t("empty drive");
  return String(value);
}

/** "2 → 4": what runs now, and what the next boot brings. */
export function pendingArrow(c: PendingChange): string {
  return `${pendingValueText(c.field, c.live)} → ${pendingValueText(c.field, c.next)}`;
}

/** "vCPUs: 2 → 4". */
export function pendingLine(c: PendingChange): string {
  return t("{{what}}: {{change}}", { what: pendingLabel(c), change: pendingArrow(c) });
}

/** The VM's pending change of `field`, if one waits. */
export function pendingOf(vm: Pick<Vm, "pending">, field: PendingField): PendingChange | undefined {
  return vm.pending?.find((c) => c.field === field);
}

/** What the next boot has for `field`: the pending value where one waits, else `live`. */
export function nextValue<T extends PendingValue>(
  vm: Pick<Vm, "pending">,
  field: PendingField,
  live: T,
): T {
  const c = pendingOf(vm, field);
  return c && c.next !== null ? c.next as T : live;
}
