// The hosts table of the app store (migration 9 in lib/store.ts): remote libvirt connections.
// URIs hold no secrets (lib/hosts/input.ts refuses passwords): SSH keys are named by path and
// TLS uses libvirt's own certificate files.

export const HOST_TABLES = `CREATE TABLE hosts (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE NOT NULL,
  uri TEXT UNIQUE NOT NULL,
  created_at TEXT NOT NULL
)`;
