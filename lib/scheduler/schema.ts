// The scheduler tables of the app store (migration 5 in lib/store.ts). Times are ms epochs.
// A run row is inserted, and next_run_at advanced, in one transaction before the operation
// starts: UNIQUE (schedule_id, slot_at) over scheduled runs makes a slot run at most once, even
// across a kill -9. Manual runs ("Run now") stand outside that index.

export const SCHEDULE_TABLES = `CREATE TABLE schedules (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE NOT NULL COLLATE NOCASE,
  operation TEXT NOT NULL
    CHECK (operation IN ('start', 'shutdown', 'reboot', 'snapshot', 'backup')),
  vm_ids TEXT NOT NULL,
  vm_names TEXT NOT NULL DEFAULT '{}',
  timing TEXT NOT NULL,
  timezone TEXT NOT NULL,
  missed TEXT NOT NULL CHECK (missed IN ('run-once', 'skip')),
  options TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL,
  next_run_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled = 1;
CREATE TABLE schedule_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  schedule_name TEXT NOT NULL,
  operation TEXT NOT NULL,
  slot_at INTEGER NOT NULL,
  cause TEXT NOT NULL CHECK (cause IN ('schedule', 'catch-up', 'manual')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL
    CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'skipped', 'interrupted')),
  error TEXT,
  results TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX schedule_runs_slot ON schedule_runs (schedule_id, slot_at)
  WHERE cause != 'manual';
CREATE INDEX schedule_runs_job ON schedule_runs (schedule_id, id);
CREATE INDEX schedule_runs_running ON schedule_runs (status) WHERE status = 'running'`;
