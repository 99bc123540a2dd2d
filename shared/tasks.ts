// The task log's wire shapes: every state-changing or long operation (power, create, clone,
// snapshot, backup, restore, migration, upload, download, batch, scheduled run) is a task,
// kept in the app store (the most recent TASKS_KEPT), listed at `GET /api/tasks`, and
// announced on `GET /api/events` as "task-changed" whenever it starts, progresses or ends.

export type TaskStatus = "running" | "succeeded" | "failed" | "cancelled";

/** What a task acts on; `name` is what a person calls it (a VM's name, a pool's name). */
export interface TaskTarget {
  kind:
    | "vm"
    | "pool"
    | "volume"
    | "network"
    | "template"
    | "profile"
    | "schedule"
    | "backup"
    | "host"
    | "vms";
  /** The object's id as its page URL takes it (VM UUID, pool name, backup id …). */
  id: string;
  name: string;
}

export interface Task {
  id: number;
  /** The operation, as the audit log names it: "vm.start", "backup.create", "volume.upload". */
  action: string;
  /** The operation in a user's words: "Start", "Create backup", "Upload volume". */
  title: string;
  /**
   * Who started it: the account's name (for an API token, the account that owns it), or
   * "scheduler".
   */
  user: string;
  target: TaskTarget | null;
  /** The host (`/api/hosts` id) it ran on. */
  hostId: string;
  /** Milliseconds since the epoch. */
  startedAt: number;
  endedAt: number | null;
  /** 0 to 1 when the operation reports progress, else null. */
  progress: number | null;
  status: TaskStatus;
  /**
   * On failure the error's words (libvirt's, when libvirt refused); on success a short result;
   * while running, what some operations say they are doing (a download's bytes, rate and time
   * left), else null.
   */
  message: string | null;
  /** The error code on failure (shared/errors.ts), else null. */
  code: string | null;
  /** Whether `POST /api/tasks/:id/cancel` can stop it now. */
  cancellable: boolean;
}

/**
 * A task's VM's QEMU log lines of the task's moment (`GET /api/tasks/:id/qemu-log`, admins):
 * from libvirt's log of a VM on the server's own host; `note` says why there are none.
 */
export interface TaskQemuLog {
  /** The VM's name, or null when the task concerns no single VM. */
  vm: string | null;
  lines: string[];
  /** True when the log has no timestamps and `lines` are its last lines. */
  tail: boolean;
  note: string | null;
}

/** How many finished tasks the store keeps; older ones are dropped. */
export const TASKS_KEPT = 1000;
/** The most a list asks for at once (`?limit=`). */
export const TASKS_PAGE_MAX = 200;
