// The tasks table of the app store (lib/store.ts): the task log's most recent entries
// (shared/tasks.ts TASKS_KEPT). `vm_ids` lists, as JSON, the UUIDs of the VMs a task acts on,
// so a caller whose grant names VMs sees only tasks about those (lib/tasks/visibility.ts).

export const TASK_TABLES = `CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  action TEXT NOT NULL,
  title TEXT NOT NULL,
  user TEXT NOT NULL,
  target_kind TEXT,
  target_id TEXT,
  target_name TEXT,
  vm_ids TEXT,
  host_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  progress REAL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  message TEXT,
  code TEXT
);
CREATE INDEX tasks_status ON tasks (status)`;
