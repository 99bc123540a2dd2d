// Pieces of a task shared by the panel and the /tasks page: status badge, target link, progress
// bar, the Cancel button (only where the signed-in person may cancel).

import { useSignal } from "@preact/signals";
import type { Task, TaskStatus } from "../../shared/tasks.ts";
import { errorMessage } from "../../components/client/api.ts";
import { showError } from "../../components/client/toasts.tsx";
import { cancelTask } from "./api.ts";
import { mayCancel, type SignedIn } from "./who.ts";
import { percent, STATUS_LABEL, targetHref, taskName } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  return <span class={`badge task-status task-status-${status}`}>{t(STATUS_LABEL[status])}</span>;
}

/** The target's name, linked to its page; "—" when the task acts on nothing in particular. */
export function TaskTargetLink({ task }: { task: Task }) {
  if (!task.target) return <span class="muted">—</span>;
  const href = targetHref(task.target, task.hostId);
  return href
    ? <a class="task-target" href={href}>{task.target.name}</a>
    : <span class="task-target">{task.target.name}</span>;
}

export function TaskProgress({ task }: { task: Task }) {
  if (task.status !== "running" || task.progress === null) return null;
  return (
    <progress
      class="task-progress"
      max={1}
      value={task.progress}
      aria-label={t("{{task}} progress", { task: taskName(task) })}
      title={percent(task.progress)}
    />
  );
}

/** Asks the server to stop the task; its end arrives as a task-changed event. */
export function TaskCancel({ task, who }: { task: Task; who: SignedIn | null }) {
  const busy = useSignal(false);
  if (!mayCancel(task, who)) return null;
  const cancel = async () => {
    busy.value = true;
    try {
      await cancelTask(task.id);
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      busy.value = false;
    }
  };
  return (
    <button
      type="button"
      class="button button-small task-cancel"
      disabled={busy.value}
      aria-busy={busy.value}
      aria-label={t("Cancel {{task}}", { task: taskName(task) })}
      onClick={cancel}
    >
      {t("Cancel")}
    </button>
  );
}
