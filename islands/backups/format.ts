// Words and numbers of the backup tables: kinds, statuses, progress, sizes, times.

import type { Backup, BackupStatus } from "../../shared/backups.ts";

export const STATUS_LABELS: Record<BackupStatus, string> = {
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  interrupted: "Interrupted",
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
  const kind = b.kind === "full" ? "Full" : "Incremental";
  return b.method === "copy" ? `${kind} (disk copy)` : kind;
}

/** 0–100 while running; null when libvirt has not said how much there is yet. */
export function percent(b: Backup): number | null {
  if (b.totalBytes <= 0) return null;
  return Math.min(100, Math.floor((b.processedBytes / b.totalBytes) * 100));
}

/** "2026-05-01 14:03:07" in the browser's time zone; "—" for null. */
export function formatTime(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
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
