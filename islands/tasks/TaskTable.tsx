// The /tasks page's table, on the kit's data table: one dense row per task, sortable by any
// column; a highlighted task (the one a toast or link pointed at) shows its whole message.

import type { Task } from "../../shared/tasks.ts";
import { type Column, DataTable, type SortState } from "../../components/kit/table/mod.ts";
import { clockText, STATUS_LABEL, taskAnchor, taskDuration } from "./format.ts";
import { TaskCancel, TaskProgress, TaskStatusBadge, TaskTargetLink } from "./TaskParts.tsx";
import type { SignedIn } from "./who.ts";

/** Newest first until someone sorts. */
export const DEFAULT_SORT: SortState = { column: "started", dir: "desc" };

function columnsAt(now: number, who: SignedIn | null): Column<Task>[] {
  return [
    {
      id: "status",
      header: "Status",
      cell: (t) => <TaskStatusBadge status={t.status} />,
      sortValue: (t) => STATUS_LABEL[t.status],
    },
    {
      id: "title",
      header: "Task",
      cell: (t) => t.title,
      sortValue: (t) => t.title,
      class: "task-title",
    },
    {
      id: "target",
      header: "Target",
      cell: (t) => <TaskTargetLink task={t} />,
      sortValue: (t) => t.target?.name,
      class: "task-target-cell",
    },
    {
      id: "user",
      header: "User",
      cell: (t) => t.user,
      sortValue: (t) => t.user,
      hideOnSmall: true,
    },
    {
      id: "started",
      header: "Started",
      cell: (t) => (
        <time dateTime={new Date(t.startedAt).toISOString()}>{clockText(t.startedAt, now)}</time>
      ),
      sortValue: (t) => t.startedAt,
      class: "task-when",
    },
    {
      id: "duration",
      header: "Duration",
      cell: (t) => taskDuration(t, now),
      sortValue: (t) => (t.endedAt ?? now) - t.startedAt,
      numeric: true,
      hideOnSmall: true,
      class: "task-when",
    },
    {
      id: "result",
      header: "Result",
      cell: (t) => (
        <>
          <TaskProgress task={t} />
          {t.message && <span class="task-message">{t.message}</span>}
          <TaskCancel task={t} who={who} />
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
}

export function TaskTable({ tasks, sort, onSort, highlighted, now, who, empty }: Props) {
  return (
    <DataTable
      label="Tasks"
      class="task-table"
      rows={tasks}
      rowKey={(t) => String(t.id)}
      columns={columnsAt(now, who)}
      sort={sort}
      onSort={onSort}
      empty={empty}
      rowAttrs={(t) => ({
        id: taskAnchor(t.id),
        class: `task-row task-row-${t.status}${t.id === highlighted ? " task-row-current" : ""}`,
        "aria-current": t.id === highlighted ? "true" : undefined,
      })}
    />
  );
}
