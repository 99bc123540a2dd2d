// The realms table of the app store (lib/store.ts): each directory users may sign in through.
// Its settings are JSON (shared/realms.ts); the bind password or client secret is kept apart, to
// be handed to the directory or provider, and is never answered by the API (the store is root's).

export const REALM_TABLES = `CREATE TABLE realms (
  name TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ldap', 'oidc')),
  config TEXT NOT NULL,
  secret TEXT,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
)`;
