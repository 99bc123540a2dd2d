// The top bar's Tasks button (with the count of running tasks) and the panel it opens: the
// recent tasks of every host the signed-in person may see, live, each with its target, user,
// start, duration, progress, result and a Cancel button where the operation can stop and they may
// stop it. Hydrated by the shell bundle on every page.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Task } from "../../shared/tasks.ts";
import { withHost } from "../../components/client/host.ts";
import { loaded, loadError, recentTasks, reloadTasks, runningCount } from "./live.ts";
import { startedText, taskDuration, taskHref } from "./format.ts";
import { TaskCancel, TaskProgress, TaskStatusBadge, TaskTargetLink } from "./TaskParts.tsx";
import type { SignedIn } from "./who.ts";
import { t } from "../../shared/i18n/t.ts";

export const TASK_PANEL_ID = "task-panel";
const TICK_MS = 1000;

/**
 * The signed-in person: their tasks end in a toast (islands/tasks/task_toasts.ts), and their role
 * decides which tasks show Cancel.
 */
export type TaskPanelProps = SignedIn & {
  /** When the server rendered the page, on its clock (task_toasts.ts's startToastDelay). */
  servedAt: number;
};

/** What the count beside Tasks counts ("3 running"). */
const runningWord = () => t("running", { context: "count" });

export default function TaskPanel(who: TaskPanelProps) {
  const open = useSignal(false);
  const now = useSignal(Date.now());
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const close = (focusButton: boolean) => {
    open.value = false;
    if (focusButton) button.current?.focus();
  };

  useEffect(() => {
    if (!open.value) return;
    now.value = Date.now();
    panel.current?.focus();
    reloadTasks();
    const tick = setInterval(() => now.value = Date.now(), TICK_MS);
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close(true);
    const onClick = (e: MouseEvent) => {
      const target = e.target as Node;
      if (panel.current?.contains(target) || button.current?.contains(target)) return;
      // Back to the button unless the click gave focus to something else.
      close(document.activeElement === document.body || panel.current === null);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      clearInterval(tick);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [open.value]);

  const running = runningCount.value;
  return (
    <div class="task-menu">
      <button
        type="button"
        ref={button}
        class="tasks-button"
        id="tasks-button"
        aria-expanded={open.value}
        aria-controls={TASK_PANEL_ID}
        title={t("Recent tasks")}
        onClick={() => open.value ? close(true) : open.value = true}
      >
        {t("Tasks")}
        {running > 0 && (
          <span class="tasks-count">
            {running}
            <span class="sr-only">{runningWord()}</span>
          </span>
        )}
      </button>
      <div
        ref={panel}
        class="task-panel"
        id={TASK_PANEL_ID}
        role="dialog"
        aria-label={t("Recent tasks")}
        tabIndex={-1}
        hidden={!open.value}
      >
        <div class="task-panel-head">
          <h2>{t("Recent tasks")}</h2>
          <a href={withHost("/tasks")}>{t("Show all")}</a>
          <button
            type="button"
            class="task-panel-close"
            aria-label={t("Close tasks")}
            title={t("Close")}
            onClick={() => close(true)}
          >
            ×
          </button>
        </div>
        {open.value && <PanelBody now={now.value} who={who} />}
      </div>
    </div>
  );
}

function PanelBody({ now, who }: { now: number; who: SignedIn }) {
  const tasks = recentTasks.value;
  if (loadError.value && tasks.length === 0) {
    return <p class="notice notice-error task-panel-note">{loadError.value}</p>;
  }
  if (tasks.length === 0) {
    return (
      <p class="muted task-panel-note">
        {loaded.value
          ? t("No tasks yet: starting, creating or backing up a VM shows here.")
          : t("Loading…")}
      </p>
    );
  }
  return (
    <ul class="task-list">
      {tasks.map((t) => <TaskItem key={t.id} task={t} now={now} who={who} />)}
    </ul>
  );
}

function TaskItem({ task, now, who }: { task: Task; now: number; who: SignedIn }) {
  return (
    <li class={`task-item task-item-${task.status}`} data-task={task.id}>
      <div class="task-item-head">
        <TaskStatusBadge status={task.status} />
        <a class="task-title" href={taskHref(task)}>{t(task.title)}</a>
        <TaskTargetLink task={task} />
      </div>
      <div class="task-item-meta">
        <span>{task.user}</span>
        <time dateTime={new Date(task.startedAt).toISOString()}>
          {startedText(task.startedAt, now)}
        </time>
        <span title={t("Duration")}>{taskDuration(task, now)}</span>
      </div>
      <TaskProgress task={task} />
      {task.message && <p class="task-message">{task.message}</p>}
      <TaskCancel task={task} who={who} />
    </li>
  );
}
