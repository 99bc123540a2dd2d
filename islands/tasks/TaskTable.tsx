// The /tasks page's table, on the kit's data table: one dense row per task, sortable by any
// column; a highlighted task (the one a toast or link pointed at) shows its whole message, and a
// task's title opens its details.

import type { Task } from "../../shared/tasks.ts";
import { type Column, DataTable, type SortState } from "../../components/kit/table/mod.ts";
import { clockText, STATUS_LABEL, taskAnchor, taskDuration } from "./format.ts";
import { TaskCancel, TaskProgress, TaskStatusBadge, TaskTargetLink } from "./TaskParts.tsx";
import type { SignedIn } from "./who.ts";
import { withHost } from "../../components/client/host.ts";
import { t } from "../../shared/i18n/t.ts";

/** Newest first until someone sorts. */
export const DEFAULT_SORT: SortState = { column: "started", dir: "desc" };

function columnsAt(
  now: number,
  who: SignedIn | null,
  onOpen: (id: number) => void,
): Column<Task>[] {
  return [
    {
      id: "status",
      header: t("Status"),
      cell: (task) => <TaskStatusBadge status={task.status} />,
      sortValue: (task) => t(STATUS_LABEL[task.status]),
    },
    {
      id: "title",
      header: t("Task"),
      // Opens the task's details (TaskDetail); the link works without scripts too.
      cell: (task) => (
        <a
          class="task-open"
          href={withHost(`/tasks?id=${task.id}`)}
          onClick={(e) => {
            e.preventDefault();
            onOpen(task.id);
          }}
        >
          {t(task.title)}
        </a>
      ),
      sortValue: (task) => t(task.title),
      class: "task-title",
    },
    {
      id: "target",
      header: t("Target"),
      cell: (task) => <TaskTargetLink task={task} />,
      sortValue: (task) => task.target?.name,
      class: "task-target-cell",
    },
    {
      id: "user",
      header: t("User"),
      cell: (task) => task.user,
      sortValue: (task) => task.user,
      hideOnSmall: true,
    },
    {
      id: "started",
      header: t("Started", { context: "column" }),
      cell: (task) => (
        <time dateTime={new Date(task.startedAt).toISOString()}>
          {clockText(task.startedAt, now)}
        </time>
      ),
      sortValue: (task) => task.startedAt,
      class: "task-when",
    },
    {
      id: "duration",
      header: t("Duration"),
      cell: (task) => taskDuration(task, now),
      sortValue: (task) => (task.endedAt ?? now) - task.startedAt,
      numeric: true,
      hideOnSmall: true,
      class: "task-when",
    },
    {
      id: "result",
      header: t("Result"),
      cell: (task) => (
        <>
          <TaskProgress task={task} />
          {task.message && <span class="task-message">{task.message}</span>}
          <TaskCancel task={task} who={who} />
        </>
      ),
      class: "task-result",
    },
  ];
}

interface Props {
  tasks: Task[];
  sort: SortState;
  onSort: (sort: SortState) => void;
  highlighted: number | null;
  now: number;
  /** Who is signed in: Cancel shows on the tasks they may cancel. */
  who: SignedIn | null;
  empty: string;
  /** Opens a task's details. */
  onOpen: (id: number) => void;
}

export function TaskTable(
  { tasks, sort, onSort, highlighted, now, who, empty, onOpen }: Props,
) {
  return (
    <DataTable
      label={t("Tasks")}
      class="task-table"
      rows={tasks}
      rowKey={(task) => String(task.id)}
      columns={columnsAt(now, who, onOpen)}
      sort={sort}
      onSort={onSort}
      empty={empty}
      rowAttrs={(task) => ({
        id: taskAnchor(task.id),
        class: `task-row task-row-${task.status}${
          task.id === highlighted ? " task-row-current" : ""
        }`,
        "aria-current": task.id === highlighted ? "true" : undefined,
      })}
    />
  );
}
