// The realms tables of the app store (lib/store.ts): each directory or provider users may sign in
// through, and which of an OpenID Connect provider's subjects (`sub`, its account that never
// changes) first signed in under each name: a name is a claim the provider may let change.
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
);
CREATE TABLE realm_subjects (
  realm TEXT NOT NULL,
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  first_at INTEGER NOT NULL,
  PRIMARY KEY (realm, name)
)`;
