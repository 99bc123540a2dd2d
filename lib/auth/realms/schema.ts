// The realms table of the app store (lib/store.ts): each directory users may sign in through.
// Its settings are JSON (shared/realms.ts LdapRealmConfig); the bind password is kept apart, to
// be handed to the directory, and is never answered by the API (the store's file is root's only).

export const REALM_TABLES = `CREATE TABLE realms (
  name TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ldap')),
  config TEXT NOT NULL,
  secret TEXT,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
)`;
