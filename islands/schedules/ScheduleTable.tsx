// The scheduled jobs: what each does to which VMs and when, its next run and last result, an
// enabled toggle, and Run now / History / Edit / Delete. A job a policy keeps shows a badge and
// can only be run and looked at.

import type { Schedule } from "../../shared/scheduler.ts";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../../components/kit/row_actions.tsx";
import {
  managedBadge,
  nextRunWords,
  OPERATION_LABELS,
  STATUS_BADGES,
  STATUS_LABELS,
  targetNames,
  timingWords,
} from "./format.ts";

interface Props {
  /** Null while loading. */
  schedules: Schedule[] | null;
  vms: { id: string; name: string }[];
  busy: boolean;
  /** The caller may not change jobs (not an admin): the Enabled box only shows the state. */
  readOnly: boolean;
  onToggle: (s: Schedule, enabled: boolean) => void;
  onRun: (s: Schedule) => void;
  onHistory: (s: Schedule) => void;
  onEdit: (s: Schedule) => void;
  onDelete: (s: Schedule) => void;
}

export function ScheduleTable(
  { schedules, vms, busy, readOnly, onToggle, onRun, onHistory, onEdit, onDelete }: Props,
) {
  const button = (s: Schedule, action: string, label: string, onClick: () => void, cls = "") => (
    <RowButton
      action={action}
      name={s.name}
      label={label}
      class={cls}
      disabled={busy}
      onClick={onClick}
    />
  );
  const columns: Column<Schedule>[] = [
    { id: "name", header: "Name", cell: (s) => <Name s={s} /> },
    { id: "operation", header: "Operation", cell: (s) => OPERATION_LABELS[s.operation] },
    { id: "vms", header: "VMs", cell: (s) => targetNames(s, vms).join(", ") },
    { id: "when", header: "When", cell: (s) => timingWords(s.timing, s.timezone) },
    { id: "zone", header: "Time zone", cell: (s) => s.timezone },
    {
      id: "next",
      header: "Next run",
      class: "next-run",
      cell: (s) =>
        s.nextRunAt
          ? <time dateTime={s.nextRunAt}>{nextRunWords(s)}</time>
          : <span class="muted">{nextRunWords(s)}</span>,
    },
    {
      id: "last",
      header: "Last result",
      class: "last-result",
      cell: (s) =>
        s.lastRun
          ? <span class={STATUS_BADGES[s.lastRun.status]}>{STATUS_LABELS[s.lastRun.status]}</span>
          : <span class="muted">Never run</span>,
    },
    {
      id: "enabled",
      header: "Enabled",
      cell: (s) => (
        <input
          type="checkbox"
          checked={s.enabled}
          disabled={busy || readOnly || managedBadge(s) !== null}
          aria-label={`${s.name} enabled`}
          onChange={(e) => onToggle(s, e.currentTarget.checked)}
        />
      ),
    },
    actionsColumn((s) => (
      <>
        {button(s, "Run now", `Run ${s.name} now`, () => onRun(s), "needs-admin")}
        {button(s, "History", `History of ${s.name}`, () => onHistory(s))}
        {!managedBadge(s) && (
          <>
            {button(s, "Edit", `Edit ${s.name}`, () => onEdit(s), "needs-admin")}
            <RowButton
              action="Delete"
              name={s.name}
              kind="danger"
              class="needs-admin"
              disabled={busy}
              onClick={() => onDelete(s)}
            />
          </>
        )}
      </>
    )),
  ];
  return (
    <DataTable
      label="Scheduled jobs"
      class="schedules-table"
      rows={schedules ?? []}
      rowKey={(s) => s.id}
      rowAttrs={(s) => ({ "data-schedule": s.id })}
      columns={columns}
      empty={schedules === null ? "Loading scheduled jobs…" : "No scheduled jobs yet."}
    />
  );
}

/** The job's name, with the badge of the policy that keeps it. */
function Name({ s }: { s: Schedule }) {
  const managed = managedBadge(s);
  if (!managed) return <>{s.name}</>;
  return (
    <>
      {s.name} <span class="badge managed-badge" title={managed.title}>{managed.label}</span>
    </>
  );
}
