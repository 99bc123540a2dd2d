// The audit_log table of the app store (migration 8 in lib/store.ts). `at` is an ISO time in UTC
// (Date.toISOString), so text order is time order. Each index also holds the rowid, so
// "WHERE user = ? ORDER BY id DESC" walks the index newest first without sorting.

export const AUDIT_TABLES = `CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('session', 'token', 'anonymous')),
  token_name TEXT,
  ip TEXT,
  action TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  target TEXT,
  status INTEGER NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('ok', 'error', 'denied')),
  error_code TEXT,
  message TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user);
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_target ON audit_log (target)`;

/**
 * Whether a token's request came with the secret it had before its last rotation (in its grace
 * period): a leaked old secret's use then shows in the log as such (migration 17).
 */
export const AUDIT_OLD_SECRET = `ALTER TABLE audit_log ADD COLUMN token_old_secret INTEGER NOT NULL
  DEFAULT 0 CHECK (token_old_secret IN (0, 1))`;

/** The log's own steps in order, for a store that holds the log alone (its tests). */
export const AUDIT_STEPS: readonly string[] = [AUDIT_TABLES, AUDIT_OLD_SECRET];
