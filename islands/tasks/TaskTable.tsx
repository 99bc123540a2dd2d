// The /tasks page's table: one dense row per task, sortable by any column; a highlighted task
// (the one a toast or link pointed at) shows its whole message.

import type { Task } from "../../shared/tasks.ts";
import { clockText, STATUS_LABEL, taskAnchor, taskDuration } from "./format.ts";
import { TaskCancel, TaskProgress, TaskStatusBadge, TaskTargetLink } from "./TaskParts.tsx";

export type SortKey = "status" | "title" | "target" | "user" | "startedAt" | "duration";
export interface Sort {
  key: SortKey;
  descending: boolean;
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "status", label: "Status" },
  { key: "title", label: "Task" },
  { key: "target", label: "Target" },
  { key: "user", label: "User" },
  { key: "startedAt", label: "Started" },
  { key: "duration", label: "Duration" },
];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function sortValue(task: Task, key: SortKey, now: number): string | number {
  switch (key) {
    case "status":
      return STATUS_LABEL[task.status];
    case "target":
      return task.target?.name ?? "";
    case "duration":
      return (task.endedAt ?? now) - task.startedAt;
    default:
      return task[key];
  }
}

/** `tasks` in the order `sort` asks; ties newest first. */
export function sortTasks(tasks: Task[], { key, descending }: Sort, now: number): Task[] {
  const sign = descending ? -1 : 1;
  return [...tasks].sort((a, b) => {
    const x = sortValue(a, key, now);
    const y = sortValue(b, key, now);
    const by = typeof x === "number" && typeof y === "number"
      ? x - y
      : collator.compare(String(x), String(y));
    return by === 0 ? b.id - a.id : sign * by;
  });
}

interface Props {
  tasks: Task[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  highlighted: number | null;
  now: number;
}

export function TaskTable({ tasks, sort, onSort, highlighted, now }: Props) {
  return (
    <table class="table task-table">
      <thead>
        <tr>
          {COLUMNS.map(({ key, label }) => {
            const active = sort.key === key;
            return (
              <th
                key={key}
                scope="col"
                aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}
              >
                <button
                  type="button"
                  class="sort-button"
                  onClick={() =>
                    onSort({
                      key,
                      descending: active ? !sort.descending : key === "startedAt",
                    })}
                >
                  {label}
                  <span class="sort-mark" aria-hidden="true">
                    {active ? (sort.descending ? "▼" : "▲") : ""}
                  </span>
                </button>
              </th>
            );
          })}
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr
            key={t.id}
            id={taskAnchor(t.id)}
            class={`task-row task-row-${t.status}${
              t.id === highlighted ? " task-row-current" : ""
            }`}
            aria-current={t.id === highlighted ? "true" : undefined}
          >
            <td data-label="Status">
              <TaskStatusBadge status={t.status} />
            </td>
            <td data-label="Task" class="task-title">{t.title}</td>
            <td data-label="Target">
              <TaskTargetLink task={t} />
            </td>
            <td data-label="User">{t.user}</td>
            <td data-label="Started">
              <time dateTime={new Date(t.startedAt).toISOString()}>
                {clockText(t.startedAt, now)}
              </time>
            </td>
            <td data-label="Duration" class="num">{taskDuration(t, now)}</td>
            <td data-label="Result" class="task-result">
              <div>
                <TaskProgress task={t} />
                {t.message && <span class="task-message">{t.message}</span>}
                <TaskCancel task={t} />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
