// The /tasks page's list: the task log of every host the signed-in person may see (at most the
// newest LOG_KEPT in memory), newest first, filtered by status and by words in the title, target
// or user, sortable, kept live by "task-changed" events. `?id=7` or `#task-7` (where a toast's
// link leads) highlights that task, scrolls to it and opens its details (islands/tasks/TaskDetail.tsx).

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Task, TaskStatus } from "../shared/tasks.ts";
import { TASKS_KEPT, TASKS_PAGE_MAX } from "../shared/tasks.ts";
import { errorMessage } from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { t } from "../shared/i18n/t.ts";
import { getTask, listTasks } from "./tasks/api.ts";
import { STATUS_LABEL, taskAnchor, upsertTask } from "./tasks/format.ts";
import type { SortState } from "../components/kit/table/mod.ts";
import { ToolbarInput } from "../components/kit/ToolbarInput.tsx";
import { DEFAULT_SORT, TaskTable } from "./tasks/TaskTable.tsx";
import type { SignedIn } from "./tasks/who.ts";
import { TaskDetail } from "./tasks/TaskDetail.tsx";

export interface TaskLogProps {
  tasks: Task[];
  /** Who is signed in, for the Cancel buttons; null when the page was rendered for nobody. */
  who: SignedIn | null;
}

const TICK_MS = 1000;
/** Live tasks push the oldest out past this many (the server keeps no more), so a page left open
 * all day does not grow without end. */
export const LOG_KEPT = TASKS_KEPT;
const STATUSES = Object.keys(STATUS_LABEL) as TaskStatus[];

/** The task a link points at: `?id=7` or `#task-7`. */
function pointedAt(): number | null {
  const id = new URL(location.href).searchParams.get("id") ??
    /^#task-(\d+)$/.exec(location.hash)?.[1];
  return id && /^\d+$/.test(id) ? Number(id) : null;
}

export default function TaskLog({ tasks: initial, who }: TaskLogProps) {
  const tasks = useSignal(initial);
  const status = useSignal<TaskStatus | "">("");
  const words = useSignal("");
  const sort = useSignal<SortState>(DEFAULT_SORT);
  const highlighted = useSignal<number | null>(null);
  /** The task whose details are open. */
  const detail = useSignal<number | null>(null);
  const now = useSignal(Date.now());
  const error = useSignal<string | null>(null);
  const more = useSignal(initial.length >= TASKS_PAGE_MAX);

  const reload = async () => {
    try {
      tasks.value = await listTasks({ limit: TASKS_PAGE_MAX });
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  };

  const older = async () => {
    const last = tasks.value.at(-1);
    try {
      const page = await listTasks({ limit: TASKS_PAGE_MAX, before: last?.id });
      tasks.value = [
        ...tasks.value,
        ...page.filter((t) => !tasks.value.some((o) => o.id === t.id)),
      ];
      more.value = page.length >= TASKS_PAGE_MAX;
    } catch (err) {
      error.value = errorMessage(err);
    }
  };

  /** Highlights the task a link points at, reading it when the list does not hold it. */
  const point = async () => {
    const id = pointedAt();
    highlighted.value = id;
    if (id === null) return;
    if (!tasks.value.some((t) => t.id === id)) {
      try {
        tasks.value = upsertTask(tasks.value, await getTask(id));
      } catch (err) {
        error.value = errorMessage(err);
        return;
      }
    }
    detail.value = id;
    // Filters would hide it: show everything.
    status.value = "";
    words.value = "";
    requestAnimationFrame(() =>
      document.getElementById(taskAnchor(id))?.scrollIntoView({ block: "center" })
    );
  };

  useEffect(() => {
    // None from the server may mean a page rendered without its list: read it once to be sure.
    (initial.length === 0 ? reload() : Promise.resolve()).then(point);
    addEventListener("hashchange", point);
    const stop = subscribeEvents((e) => {
      if (e.type !== "task-changed") return;
      const next = upsertTask(tasks.value, e.task);
      // The oldest goes past LOG_KEPT; "Show older tasks" can bring it back.
      if (next.length > LOG_KEPT) more.value = true;
      tasks.value = next.slice(0, LOG_KEPT);
    }, reload);
    // Running tasks' durations count up.
    const tick = setInterval(() => {
      if (tasks.value.some((t) => t.status === "running")) now.value = Date.now();
    }, TICK_MS);
    return () => {
      removeEventListener("hashchange", point);
      stop();
      clearInterval(tick);
    };
  }, []);

  const needle = words.value.trim().toLowerCase();
  const shown = tasks.value.filter((task) =>
    (!status.value || task.status === status.value) &&
    (!needle ||
      [task.title, t(task.title), task.target?.name ?? "", task.user].some((s) =>
        s.toLowerCase().includes(needle)
      ))
  );
  const count = tasks.value.length;

  return (
    <div class="task-log">
      <div class="task-filters" role="search" aria-label={t("Filter tasks")}>
        <label>
          {t("Status")}{" "}
          <select
            value={status.value}
            onChange={(e) => status.value = e.currentTarget.value as TaskStatus | ""}
          >
            <option value="">{t("All")}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(STATUS_LABEL[s])}</option>)}
          </select>
        </label>
        <ToolbarInput
          label={`${t("Find")} `}
          value={words.value}
          placeholder={t("Task, target or user")}
          onValue={(v) => words.value = v}
        />
        <span class="muted task-count" aria-live="polite">
          {shown.length === count
            ? t("{{count}} tasks", { count })
            : t("{{shown}} of {{count}} tasks", { shown: shown.length, count })}
        </span>
      </div>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
      <TaskTable
        tasks={shown}
        sort={sort.value}
        onSort={(next) => sort.value = next}
        highlighted={highlighted.value}
        now={now.value}
        who={who}
        onOpen={(id) => {
          highlighted.value = id;
          detail.value = id;
        }}
        empty={tasks.value.length === 0
          ? t("No tasks yet. Starting a VM, creating one or taking a backup is listed here.")
          : t("No task matches these filters.")}
      />
      <TaskDetail
        task={tasks.value.find((task) => task.id === detail.value) ?? null}
        now={now.value}
        onClose={() => detail.value = null}
      />
      {more.value && (
        <button type="button" class="button" onClick={older}>
          {t("Show older tasks")}
        </button>
      )}
    </div>
  );
}
