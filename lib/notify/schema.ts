// The notification tables of the app store (lib/store.ts). Times are ms epochs. A target keeps
// its kind's settings as JSON and its secret apart (never read back through the API). A delivery
// is one event for one target, queued before anything is sent: it is retried with backoff until
// sent or given up, across restarts. Digest items wait for their rule's next digest.

export const NOTIFY_TABLES = `CREATE TABLE notify_targets (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('email', 'ntfy', 'gotify', 'webhook')),
  config TEXT NOT NULL,
  secret TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE notify_rules (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE NOT NULL COLLATE NOCASE,
  kinds TEXT NOT NULL,
  min_severity TEXT NOT NULL CHECK (min_severity IN ('info', 'warning', 'critical')),
  host_id TEXT,
  pool_percent INTEGER NOT NULL,
  target_ids TEXT NOT NULL,
  digest_minutes INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE notify_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  target_id TEXT NOT NULL,
  rule_id TEXT,
  event TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX notify_deliveries_due ON notify_deliveries (status, next_at);
CREATE INDEX notify_deliveries_target ON notify_deliveries (target_id, id);
CREATE INDEX notify_deliveries_rule ON notify_deliveries (rule_id, id);
CREATE TABLE notify_digest_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  rule_id TEXT NOT NULL,
  event TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX notify_digest_rule ON notify_digest_items (rule_id, id)`;
