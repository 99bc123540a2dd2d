// The two-factor tables of the app store (lib/store.ts): each account's TOTP seed, security keys
// and recovery codes, and the roles an admin requires a second factor of.

/**
 * `twofa_totp.secret` is the base32 seed, never answered after enrolment; `confirmed_at` is null
 * while an enrolment waits for its first code, `last_step` the newest 30 s step a code was taken
 * for (a code is good once). Recovery codes keep only a SHA-256 of the account and code.
 * `twofa_keys.public_key` is the key's COSE public key (base64url), `counter` its signature count.
 */
export const TWOFA_TABLES = `CREATE TABLE twofa_totp (
  user TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE twofa_recovery (
  user TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user, code_hash)
);
CREATE TABLE twofa_keys (
  id TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  name TEXT NOT NULL,
  public_key TEXT NOT NULL,
  counter INTEGER NOT NULL,
  transports TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX twofa_keys_user ON twofa_keys (user);
CREATE TABLE twofa_roles (
  role TEXT PRIMARY KEY CHECK (role IN ('admin', 'operator', 'viewer')),
  required_at INTEGER NOT NULL,
  required_by TEXT NOT NULL
)`;
