// The task log API (mounted at /api/tasks, for the whole process: every host's tasks whatever
// `?host=` says): tasks newest first, one task, and stopping one that can be stopped. Callers
// whose grant names some VMs see only the tasks about those (lib/tasks/visibility.ts).

import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { type TaskLog, type TaskQuery, TASKS_LIMIT_DEFAULT } from "../../lib/tasks/log.ts";
import { TASKS_PAGE_MAX, type TaskStatus } from "../../shared/tasks.ts";
import { DeclaredApp } from "../declare.ts";
import { taskQemuLog } from "../../lib/vms/task_qemu_log.ts";

const STATUSES: readonly TaskStatus[] = ["running", "succeeded", "failed", "cancelled"];

/** A target is kept at most this long (lib/tasks/rows.ts), so a longer one matches nothing. */
const TARGET_MAX = 512;

const described = (description: string) => z.string().optional().meta({ description });

const LIST_QUERY: Record<string, z.ZodType> = {
  limit: described(`How many tasks, 1 to ${TASKS_PAGE_MAX} (default ${TASKS_LIMIT_DEFAULT})`),
  before: described("Tasks older than this id (the last id of the previous page)"),
  status: described(`Only tasks with this status: ${STATUSES.join(", ")}`),
  target: z.string().max(TARGET_MAX).optional().meta({
    description:
      `Only tasks about this object: its id (a VM's UUID) or its name (at most ${TARGET_MAX} characters)`,
  }),
  host: described("Ignored: the list holds every host's tasks"),
};

const TASK_ID = {
  id: z.string().meta({ description: "The task's number, as the list gives it" }),
};

const invalid = (message: string) => new AppError("INVALID_FILTER", message);

/** A whole number from the query, or undefined when absent or empty. */
function wholeOf(name: string, value: string | undefined, min: number, max: number) {
  if (!value) return undefined;
  const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw invalid(
      t("{{field}} must be a whole number from {{min}} to {{max}}", { field: name, min, max }),
    );
  }
  return n;
}

/** Query parameters as a list question; 400 INVALID_FILTER names the first wrong one. */
export function taskQueryOf(query: Record<string, string>): TaskQuery {
  const unknown = Object.keys(query).find((key) => !(key in LIST_QUERY));
  if (unknown !== undefined) {
    throw invalid(
      t("Unknown filter {{name}}: use limit, before, status or target", { name: unknown }),
    );
  }
  const status = query.status || undefined;
  if (status !== undefined && !STATUSES.includes(status as TaskStatus)) {
    throw invalid(t("status must be one of {{statuses}}", { statuses: STATUSES.join(", ") }));
  }
  if ((query.target?.length ?? 0) > TARGET_MAX) {
    throw invalid(t("target must be at most {{max}} characters", { max: TARGET_MAX }));
  }
  return {
    limit: wholeOf("limit", query.limit, 1, TASKS_PAGE_MAX),
    before: wholeOf("before", query.before, 1, Number.MAX_SAFE_INTEGER),
    status: status as TaskStatus | undefined,
    target: query.target || undefined,
  };
}

function idOf(value: string): number {
  const id = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new AppError("TASK_NOT_FOUND", t("Task {{id}} not found", { id: value }));
  }
  return id;
}

/**
 * `qemuLogDir`: where the server's own host keeps its VMs' QEMU logs, or null when it keeps
 * none this server reads (lib/vms/task_qemu_log.ts localQemuLogDir).
 */
export function taskRoutes(tasks: TaskLog, qemuLogDir: string | null = null): DeclaredApp {
  const app = new DeclaredApp({ access: "read", writesStore: false, params: TASK_ID });
  app.GET(
    "/",
    "Tasks, running and recent, newest first",
    {
      query: LIST_QUERY,
      responses: { 200: "The tasks (shared/tasks.ts Task[])" },
      answer: "TaskList",
    },
    (c) => c.json(tasks.list({ ...taskQueryOf(c.req.query()), identity: c.get("identity") })),
  );
  app.GET(
    "/:id",
    "One task",
    { answer: "Task" },
    (c) => c.json(tasks.get(idOf(c.req.param("id")), c.get("identity"))),
  );
  // Admins only: a VM's QEMU log holds its whole command line and the host's paths.
  app.GET(
    "/:id/qemu-log",
    "The task's VM's QEMU log lines of the task's moment",
    {
      access: "admin",
      responses: {
        200:
          "shared/tasks.ts TaskQemuLog: the log lines whose timestamps fall within the task's start and end (the last 40 when the log has none), for a VM on the server's own host; `note` says why there are none",
      },
      answer: "TaskQemuLog",
    },
    async (c) =>
      c.json(await taskQemuLog(tasks.get(idOf(c.req.param("id")), c.get("identity")), qemuLogDir)),
  );
  // Who may is the task's: an admin, or its account's credential that may change things and
  // covers its VMs (checked by the log, lib/tasks/visibility.ts; 403 otherwise). Not
  // `writesStore`: cancelling stops an operation (a download, a migration, a backup) that runs
  // on a degraded store too, and the log never fails it for the store (lib/tasks/log.ts); the
  // degraded guard refuses only changes that would live in the app store and vanish.
  app.POST("/:id/cancel", "Stop a running task that can be stopped", {
    access: "signed-in",
    audit: "task.cancel",
    responses: { 200: "The task, as it stands once the operation answered the cancel" },
    answer: "Task",
  }, async (c) => c.json(await tasks.cancel(idOf(c.req.param("id")), c.get("identity"))));
  return app;
}
