// The profile tables of the app store (migration 10 in lib/store.ts). A profile's policy is one
// JSON value (shared/profiles.ts ProfilePolicy), checked on the way in. A VM has at most one
// assignment (vm_id is the key) and one override per setting key. Managed backup jobs name the
// policy that keeps them in schedules.managed_by ("profile:ID" or "vm:UUID").

export const PROFILE_TABLES = `CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE NOT NULL COLLATE NOCASE,
  description TEXT,
  policy TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE profile_assignments (
  vm_id TEXT PRIMARY KEY,
  profile_id TEXT NOT NULL REFERENCES profiles (id),
  assigned_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX profile_assignments_profile ON profile_assignments (profile_id);
CREATE TABLE policy_overrides (
  vm_id TEXT NOT NULL,
  key TEXT NOT NULL,
  setting TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (vm_id, key)
) WITHOUT ROWID;
ALTER TABLE schedules ADD COLUMN managed_by TEXT`;
