// The backup tables of the app store (migration 6 in lib/store.ts).

export const BACKUP_TABLES = `CREATE TABLE backups (
  id TEXT PRIMARY KEY,
  vm_id TEXT NOT NULL,
  created_at TEXT NOT NULL
)`;
