// The login tables of the app store (migration 7 in lib/store.ts), and the columns API tokens
// gained later for expiry and rotation (migration 16).

/**
 * Sessions and API tokens keep only a SHA-256 of their secret, so a copy of the database does
 * not let anyone in. `vms` is JSON: "*" or an array of VM UUIDs. Times are ms epochs.
 * user_access holds what an admin assigned to an account; without a row, the account's host
 * groups decide its role.
 */
export const AUTH_TABLES = `CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
  vms TEXT NOT NULL,
  csrf TEXT NOT NULL,
  ip TEXT,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  owner TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
  vms TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER,
  UNIQUE (owner, name)
);
CREATE TABLE user_access (
  user TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
  vms TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
)`;

/**
 * A token's optional end (`expires_at`), and the secret it had before its last rotation
 * (`previous_hash`, a SHA-256 like `secret_hash`) with the time that secret stops being accepted
 * (`previous_until`); all null on tokens made before this migration, which so keep working as
 * they did. Times are ms epochs.
 */
export const API_TOKEN_LIFETIME = `ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN previous_hash TEXT;
ALTER TABLE api_tokens ADD COLUMN previous_until INTEGER`;
