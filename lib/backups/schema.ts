// The backup tables of the app store (migration 6 in lib/store.ts).

/**
 * One row per backup of a VM. `disks` is JSON (BackupDisk[]); `domain_xml` the VM's inactive
 * definition at backup time, for restores. An incremental's volumes are qcow2 overlays whose
 * backing file is its parent's volume. Times are ms epochs.
 */
export const BACKUP_TABLES = `CREATE TABLE backups (
  id TEXT PRIMARY KEY,
  vm_id TEXT NOT NULL,
  vm_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
  method TEXT NOT NULL CHECK (method IN ('backup', 'copy')),
  parent_id TEXT,
  checkpoint TEXT,
  status TEXT NOT NULL
    CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  processed_bytes INTEGER NOT NULL DEFAULT 0,
  total_bytes INTEGER NOT NULL DEFAULT 0,
  size_bytes INTEGER,
  keep INTEGER NOT NULL,
  error TEXT,
  note TEXT,
  pool TEXT NOT NULL,
  domain_xml TEXT NOT NULL,
  disks TEXT NOT NULL
);
CREATE INDEX backups_vm ON backups (vm_id, started_at)`;
