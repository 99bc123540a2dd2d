// The backups table: rows in and out as Backup objects (ISO times outside, ms epochs inside).

import type { Store } from "../store.ts";
import type {
  Backup,
  BackupDisk,
  BackupKind,
  BackupMethod,
  BackupStatus,
} from "../../shared/backups.ts";

/** A backup row with the VM's definition, which the API leaves out of its answers. */
export interface BackupRecord extends Backup {
  domainXml: string;
}

type Row = Record<string, unknown>;

const iso = (ms: unknown) =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();
const str = (v: unknown) => v === null || v === undefined ? null : String(v);

function fromRow(r: Row): BackupRecord {
  return {
    id: String(r.id),
    vmId: String(r.vm_id),
    vmName: String(r.vm_name),
    kind: r.kind as BackupKind,
    method: r.method as BackupMethod,
    parentId: str(r.parent_id),
    checkpoint: str(r.checkpoint),
    status: r.status as BackupStatus,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    processedBytes: Number(r.processed_bytes),
    totalBytes: Number(r.total_bytes),
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    keep: Number(r.keep),
    error: str(r.error),
    note: str(r.note),
    pool: String(r.pool),
    disks: JSON.parse(String(r.disks)) as BackupDisk[],
    domainXml: String(r.domain_xml),
  };
}

/** The API's view of a record: everything but the stored definition. */
export function publicBackup(rec: BackupRecord): Backup {
  const { domainXml: _, ...backup } = rec;
  return backup;
}

const COLUMNS: Record<string, string> = {
  kind: "kind",
  parentId: "parent_id",
  checkpoint: "checkpoint",
  status: "status",
  processedBytes: "processed_bytes",
  totalBytes: "total_bytes",
  sizeBytes: "size_bytes",
  error: "error",
  note: "note",
  disks: "disks",
};

export type BackupChange =
  & Partial<
    Pick<
      Backup,
      | "kind"
      | "parentId"
      | "checkpoint"
      | "status"
      | "processedBytes"
      | "totalBytes"
      | "sizeBytes"
      | "error"
      | "note"
      | "disks"
    >
  >
  & { finishedAt?: number };

export class BackupRecords {
  constructor(readonly store: Store) {}

  insert(rec: Omit<BackupRecord, "startedAt" | "finishedAt"> & { startedAt: number }): void {
    this.store.db.prepare(
      `INSERT INTO backups (id, vm_id, vm_name, kind, method, parent_id, checkpoint, status,
         started_at, processed_bytes, total_bytes, keep, note, pool, domain_xml, disks)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      rec.id,
      rec.vmId,
      rec.vmName,
      rec.kind,
      rec.method,
      rec.parentId,
      rec.checkpoint,
      rec.status,
      rec.startedAt,
      rec.processedBytes,
      rec.totalBytes,
      rec.keep,
      rec.note,
      rec.pool,
      rec.domainXml,
      JSON.stringify(rec.disks),
    );
  }

  update(id: string, change: BackupChange): void {
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    for (const [key, value] of Object.entries(change)) {
      if (key === "finishedAt") {
        sets.push("finished_at = ?");
        values.push(value as number);
      } else if (COLUMNS[key]) {
        sets.push(`${COLUMNS[key]} = ?`);
        values.push(key === "disks" ? JSON.stringify(value) : value as string | number | null);
      }
    }
    if (sets.length === 0) return;
    this.store.db.prepare(`UPDATE backups SET ${sets.join(", ")} WHERE id = ?`).run(
      ...values,
      id,
    );
  }

  get(id: string): BackupRecord | null {
    const row = this.store.db.prepare("SELECT * FROM backups WHERE id = ?").get(id);
    return row ? fromRow(row as Row) : null;
  }

  /** Newest first; only VM `vm` (its UUID or name) when given. */
  list(vm?: string): BackupRecord[] {
    const rows = vm === undefined
      ? this.store.db.prepare("SELECT * FROM backups ORDER BY started_at DESC, rowid DESC").all()
      : this.store.db.prepare(
        `SELECT * FROM backups WHERE vm_id = ? OR vm_name = ?
         ORDER BY started_at DESC, rowid DESC`,
      ).all(vm, vm);
    return rows.map((r) => fromRow(r as Row));
  }

  /** The VM's backups (by UUID), newest first. */
  ofVm(vmId: string): BackupRecord[] {
    return this.store.db.prepare(
      "SELECT * FROM backups WHERE vm_id = ? ORDER BY started_at DESC, rowid DESC",
    ).all(vmId).map((r) => fromRow(r as Row));
  }

  withStatus(status: string): BackupRecord[] {
    return this.store.db.prepare("SELECT * FROM backups WHERE status = ?").all(status)
      .map((r) => fromRow(r as Row));
  }

  delete(id: string): void {
    this.store.db.prepare("DELETE FROM backups WHERE id = ?").run(id);
  }
}
