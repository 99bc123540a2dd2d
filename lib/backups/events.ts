// The "backup-changed" events the browser hears, and finding one backup's record or failing
// with BACKUP_NOT_FOUND: shared by the service and the jobs it runs (running.ts).

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { BackupRecord, BackupRecords } from "./records.ts";

/** A backup's status and progress as they are now. */
export function backupChanged(rec: BackupRecord): AppEvent {
  return {
    type: "backup-changed",
    backupId: rec.id,
    vmId: rec.vmId,
    status: rec.status,
    processedBytes: rec.processedBytes,
    totalBytes: rec.totalBytes,
  };
}

/** A backup that is gone (deleted, or pruned by retention). */
export function backupDeleted(backupId: string, vmId: string): AppEvent {
  return {
    type: "backup-changed",
    backupId,
    vmId,
    status: "deleted",
    processedBytes: 0,
    totalBytes: 0,
  };
}

/** Backup `id`'s record; AppError BACKUP_NOT_FOUND when there is none. */
export function recordOf(records: BackupRecords, id: string): BackupRecord {
  const rec = records.get(id);
  if (!rec) throw new AppError("BACKUP_NOT_FOUND", t("Backup not found: {{id}}", { id }));
  return rec;
}
