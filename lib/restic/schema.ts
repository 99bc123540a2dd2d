// The app store's table of restic repositories (lib/store.ts APP_MIGRATIONS). The password and
// S3 secret are kept here to be handed to restic and are never answered by the API.

export const RESTIC_TABLES = `CREATE TABLE restic_repositories (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE NOT NULL,
  kind TEXT NOT NULL,
  location TEXT NOT NULL,
  key_file TEXT,
  known_hosts_file TEXT,
  port INTEGER,
  access_key_id TEXT,
  secret_key TEXT,
  password TEXT NOT NULL,
  keep_last INTEGER NOT NULL DEFAULT 0,
  keep_daily INTEGER NOT NULL DEFAULT 0,
  keep_weekly INTEGER NOT NULL DEFAULT 0,
  keep_monthly INTEGER NOT NULL DEFAULT 0,
  check_schedule TEXT,
  created_at INTEGER NOT NULL
)`;
