// The answer of `POST /api/vms/:id/disks/:target/move` (lib/vms/disk_move/): the move runs as
// the task `taskId`, whose progress, end and cancel are the task log's (shared/tasks.ts).

/** A disk move, started. */
export interface DiskMoveStarted {
  /** The task that moves the disk (GET /api/tasks/:id, POST /api/tasks/:id/cancel). */
  taskId: number | null;
  /** The VM's UUID. */
  vm: string;
  target: string;
  /** Whether the VM runs: a live block copy, else a copy of the stopped VM's volume. */
  live: boolean;
  /** The new volume: its pool, name, format and (for a live move, already made) path. */
  pool: string;
  volume: string;
  format: "qcow2" | "raw";
  /** The new volume's path (a live move makes it before answering). */
  path?: string;
  /** The volume the disk leaves, deleted at the end only with `deleteSource`. */
  sourcePath: string;
  deleteSource: boolean;
}
