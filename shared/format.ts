// Human-readable sizes and rates, shared by server pages and islands. Numbers follow the page's
// language ("1.50 KiB", "1,50 KiB"); units are the same in every language.

import { formatNumber } from "./i18n/format.ts";
import { t } from "./i18n/t.ts";

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/**
 * `value` divided by 1024 while it is `below` or more and units are left (`unitCount` of them,
 * each 1024 times the one before): the number to write and its unit's index. The server's pages,
 * the islands and the CLI step through units alike.
 */
export function binaryScaled(
  value: number,
  unitCount: number,
  below = 1024,
): { value: number; unit: number } {
  let unit = 0;
  while (value >= below && unit < unitCount - 1) {
    value /= 1024;
    unit++;
  }
  return { value, unit };
}

/** 1536 → "1.50 KiB" ("1,50 KiB" in German). Binary units, because libvirt and qemu-img report in them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return "—";
  const { value, unit } = binaryScaled(Math.abs(bytes), UNITS.length);
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  // Rounded as always ("1.50", "10.5", "3" for 3.00), then written in the page's language.
  const rounded = value.toFixed(digits).replace(/\.0+$/, "");
  const decimals = rounded.split(".")[1]?.length ?? 0;
  const number = formatNumber(Number(rounded), {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  });
  return `${bytes < 0 ? "-" : ""}${number} ${UNITS[unit]}`;
}

export function formatMb(mb: number | null | undefined): string {
  return mb == null ? "—" : formatBytes(mb * 1024 * 1024);
}

/** A disk size in GiB as the lists write sizes: 20 → "20 GiB", 2048 → "2 TiB". */
export function formatGb(gb: number | null | undefined): string {
  return gb == null ? "—" : formatBytes(gb * 1024 ** 3);
}

export function formatRate(bytesPerSecond: number | null | undefined): string {
  return bytesPerSecond == null ? "—" : `${formatBytes(bytesPerSecond)}/s`;
}

export function yesNo(value: boolean | null | undefined): string {
  return value == null ? "—" : value ? t("Yes") : t("No");
}

/**
 * A count with its noun: "1 VM", "3 VMs", "1 volume". English only: new code writes
 * `t("{{count}} VMs", { count })` instead; this goes once nothing uses it.
 */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
