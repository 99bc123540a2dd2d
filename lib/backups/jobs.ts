// libvirt's backup jobs from the outside: how one that ended ended, and the words for a
// refusal or a failure.

import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import type { JobStats } from "../../ffi/libvirt/ops/snapshot.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import type { BackupRecord } from "./records.ts";
import type { BackupStatus } from "../../shared/backups.ts";
import { t } from "../../shared/i18n/t.ts";

/** virDomainBackupBeginFlags: REUSE_EXTERNAL, the targets are our pre-made volumes. */
export const REUSE_EXTERNAL = 1;
/** VIR_DOMAIN_JOB_OPERATION_BACKUP in a job's "operation" figure. */
export const OPERATION_BACKUP = 9;

/** How a backup ended, as recorded. */
export interface Outcome {
  status: Exclude<BackupStatus, "running" | "interrupted">;
  processedBytes?: number;
  totalBytes?: number;
  error?: string;
}

/** libvirt refusing to begin a backup: 409 with its words. */
export function beginError(err: unknown, vmName: string): Error {
  if (err instanceof LibvirtError && err.code !== ErrorCode.NO_DOMAIN) {
    const connection = err.code === ErrorCode.NO_CONNECT || err.code === ErrorCode.INVALID_CONN;
    if (!connection) {
      return new AppError(
        "BACKUP_UNSUPPORTED",
        t("libvirt refused to back up {{name}}: {{error}}", { name: vmName, error: err.message }),
        undefined,
        { cause: err },
      );
    }
  }
  return fromLibvirt(err, { failed: t("Failed to back up {{name}}", { name: vmName }) });
}

/** What waitFor rejects with for a backup that did not succeed. */
export function failure(rec: BackupRecord): AppError {
  if (rec.status === "cancelled") {
    return new AppError(
      "BACKUP_CANCELLED",
      t("Backup of {{name}} was cancelled", { name: rec.vmName }),
    );
  }
  const code = rec.status === "interrupted" ? "BACKUP_INTERRUPTED" : "BACKUP_FAILED";
  return new AppError(
    code,
    t("Backup of {{name}} failed: {{error}}", { name: rec.vmName, error: rec.error ?? rec.status }),
  );
}

/** A finished job's figures (virDomainGetJobStats with COMPLETED) as an outcome. */
export function outcomeOf(done: JobStats | null, cancelled: boolean): Outcome {
  const p = done?.params ?? {};
  const ours = p.operation === undefined || p.operation === OPERATION_BACKUP;
  if (done?.type === 3 && ours) {
    const total = Number(p.disk_total ?? p.data_total ?? 0);
    return {
      status: "succeeded",
      processedBytes: Number(p.disk_processed ?? total),
      totalBytes: total,
    };
  }
  if (cancelled || (done?.type === 5 && ours)) return { status: "cancelled" };
  if (done?.type === 4 && ours) {
    return {
      status: "failed",
      error: String(p.errmsg ?? "libvirt reported the backup job failed"),
    };
  }
  return { status: "failed", error: "libvirt kept no result for the backup job" };
}
