// The scheduler tables of the app store (migration 5 in lib/store.ts).

export const SCHEDULE_TABLES = `CREATE TABLE schedules (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE NOT NULL,
  created_at TEXT NOT NULL
)`;
