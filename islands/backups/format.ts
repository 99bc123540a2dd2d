// Words and numbers of the backup tables: kinds, statuses, progress, sizes, times.

import type { Backup, BackupStatus } from "../../shared/backups.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";

export const STATUS_LABELS: Record<BackupStatus, string> = {
  running: tKey("Running"),
  succeeded: tKey("Succeeded"),
  failed: tKey("Failed"),
  cancelled: tKey("Cancelled"),
  interrupted: tKey("Interrupted"),
};

/** The badge class of a status (the VM state colours: green done, amber running, red failed). */
export const STATUS_BADGES: Record<BackupStatus, string> = {
  running: "badge badge-paused",
  succeeded: "badge badge-running",
  failed: "badge badge-crashed",
  cancelled: "badge badge-stopped",
  interrupted: "badge badge-crashed",
};

export function kindLabel(b: Backup): string {
  if (b.method === "copy") {
    return b.kind === "full" ? t("Full (disk copy)") : t("Incremental (disk copy)");
  }
  return b.kind === "full" ? t("Full") : t("Incremental");
}

/** 0–100 while running; null when libvirt has not said how much there is yet. */
export function percent(b: Backup): number | null {
  if (b.totalBytes <= 0) return null;
  return Math.min(100, Math.floor((b.processedBytes / b.totalBytes) * 100));
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  dateStyle: "medium",
  timeStyle: "medium",
  hourCycle: "h23",
};

/** "May 1, 2026, 14:03:07" / "01.05.2026, 14:03:07" in the browser's time zone; "—" for null. */
export function formatTime(iso: string | null): string {
  return iso ? formatDateTime(iso, DATE_TIME) : "—";
}

/** Backups grouped by VM name (groups and rows newest first, as listed). */
export function byVm(backups: Backup[]): [string, Backup[]][] {
  const groups = new Map<string, Backup[]>();
  for (const b of backups) groups.set(b.vmName, [...groups.get(b.vmName) ?? [], b]);
  return [...groups].sort((a, b) => a[0].localeCompare(b[0]));
}

/** Applies a progress event to the list; null when the list must be read again instead. */
export function applyProgress(
  list: Backup[],
  e: { backupId: string; status: string; processedBytes: number; totalBytes: number },
): Backup[] | null {
  const at = list.findIndex((b) => b.id === e.backupId);
  if (at < 0 || e.status !== "running" || list[at].status !== "running") return null;
  const next = [...list];
  next[at] = { ...list[at], processedBytes: e.processedBytes, totalBytes: e.totalBytes };
  return next;
}
