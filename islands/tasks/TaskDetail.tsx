// One task in full, as a dialog over the /tasks page: its whole message and code, when it
// started and ended, who started it, what it acted on; for admins, when it concerns a VM, the
// VM's QEMU log lines of that moment (GET /api/tasks/:id/qemu-log).

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Task, TaskQemuLog } from "../../shared/tasks.ts";
import { taskQemuLogPath } from "../../shared/api_paths.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";
import { Dialog } from "../../components/kit/Dialog.tsx";
import { DialogClose } from "../../components/kit/DialogClose.tsx";
import { FactList } from "../../components/kit/FactList.tsx";
import { errorMessage, request } from "../../components/client/api.ts";
import { isAdmin } from "../../components/client/session.ts";
import { taskDuration, taskName } from "./format.ts";
import { TaskProgress, TaskStatusBadge, TaskTargetLink } from "./TaskParts.tsx";

const when = (at: number) => formatDateTime(at, { dateStyle: "medium", timeStyle: "medium" });

/** The dialog, open while `task` is set; `onClose` when it closes. */
export function TaskDetail(
  { task, now, onClose }: { task: Task | null; now: number; onClose: () => void },
) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (task && !el.open) el.showModal();
    if (!task && el.open) el.close();
  }, [task?.id]);
  return (
    <Dialog dialogRef={dialog} title={t("Task details")} class="task-detail" onClose={onClose}>
      {task && (
        <>
          <p class="task-detail-head">
            <TaskStatusBadge status={task.status} /> <strong>{taskName(task)}</strong>
          </p>
          <TaskProgress task={task} />
          {task.message && <p class="task-detail-message">{task.message}</p>}
          <FactList
            label={t("Task details")}
            facts={[
              [t("Target"), <TaskTargetLink key="target" task={task} />],
              [t("User"), task.user],
              [t("Started", { context: "column" }), when(task.startedAt)],
              [t("Ended"), task.endedAt === null ? "—" : when(task.endedAt)],
              [t("Duration"), taskDuration(task, now)],
              task.code !== null && [t("Error code"), <code key="code">{task.code}</code>],
              [t("Host"), task.hostId],
              [t("Task number"), String(task.id)],
            ]}
          />
          {isAdmin() && task.target?.kind === "vm" && task.status !== "running" && (
            <QemuLog task={task} />
          )}
        </>
      )}
      <DialogClose dialogRef={dialog} />
    </Dialog>
  );
}

/** The VM's QEMU log lines of the task's moment, read when shown. */
function QemuLog({ task }: { task: Task }) {
  const log = useSignal<TaskQemuLog | null>(null);
  const error = useSignal<string | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  // How it ended is at the end (the command line comes first): show that.
  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [log.value]);
  useEffect(() => {
    log.value = null;
    error.value = null;
    request<TaskQemuLog>("GET", taskQemuLogPath(task.id))
      .then((answer) => log.value = answer)
      .catch((err) => error.value = errorMessage(err));
  }, [task.id]);
  return (
    <section class="task-qemu-log" aria-label={t("QEMU log")}>
      <h3>{t("QEMU log")}</h3>
      {error.value && <p class="notice notice-error">{error.value}</p>}
      {!log.value && !error.value && <p class="muted">{t("Loading…")}</p>}
      {log.value?.note && <p class="muted">{log.value.note}</p>}
      {log.value && log.value.lines.length > 0 && (
        <>
          <p class="muted">
            {log.value.tail
              ? t("The last lines of the log of {{vm}} (it has no timestamps):", {
                vm: log.value.vm,
              })
              : t("Lines of the log of {{vm}} from the task's start to its end:", {
                vm: log.value.vm,
              })}
          </p>
          <pre class="task-qemu-lines" ref={pre} tabIndex={0}>{log.value.lines.join("\n")}</pre>
        </>
      )}
    </section>
  );
}
