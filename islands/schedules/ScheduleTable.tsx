// The scheduled jobs: what each does to which VMs and when, its next run and last result, an
// enabled toggle, and Run now / History / Edit / Delete. A job a policy keeps shows a badge and
// can only be run and looked at.

import type { Schedule } from "../../shared/scheduler.ts";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { editDeleteActions } from "../../components/kit/edit_delete_actions.ts";
import {
  managedBadge,
  nextRunWords,
  OPERATION_LABELS,
  STATUS_BADGES,
  STATUS_LABELS,
  targetNames,
  timingWords,
} from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

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
  const ownJob = (s: Schedule) => !managedBadge(s);
  const columns: Column<Schedule>[] = [
    { id: "name", header: t("Name"), cell: (s) => <Name s={s} /> },
    { id: "operation", header: t("Operation"), cell: (s) => t(OPERATION_LABELS[s.operation]) },
    { id: "vms", header: t("VMs"), cell: (s) => targetNames(s, vms).join(", ") },
    { id: "when", header: t("When"), cell: (s) => timingWords(s.timing, s.timezone) },
    { id: "zone", header: t("Time zone"), cell: (s) => s.timezone },
    {
      id: "next",
      header: t("Next run"),
      class: "next-run",
      cell: (s) =>
        s.nextRunAt
          ? <time dateTime={s.nextRunAt}>{nextRunWords(s)}</time>
          : <span class="muted">{nextRunWords(s)}</span>,
    },
    {
      id: "last",
      header: t("Last result"),
      class: "last-result",
      cell: (s) =>
        s.lastRun
          ? (
            <span class={STATUS_BADGES[s.lastRun.status]}>
              {t(STATUS_LABELS[s.lastRun.status])}
            </span>
          )
          : <span class="muted">{t("Never run")}</span>,
    },
    {
      id: "enabled",
      header: t("Enabled"),
      cell: (s) => (
        <input
          type="checkbox"
          checked={s.enabled}
          disabled={busy || readOnly || managedBadge(s) !== null}
          aria-label={t("{{name}} enabled", { name: s.name })}
          onChange={(e) => onToggle(s, e.currentTarget.checked)}
        />
      ),
    },
    actionList({ name: (s) => s.name, busy }, [
      {
        action: t("Run now"),
        label: (s) => t("Run {{name}} now", { name: s.name }),
        class: "needs-admin",
        run: onRun,
      },
      {
        action: t("History"),
        label: (s) => t("History of {{name}}", { name: s.name }),
        run: onHistory,
      },
      ...editDeleteActions(onEdit, onDelete, { class: "needs-admin", when: ownJob }),
    ]),
  ];
  return (
    <DataTable
      label={t("Scheduled jobs")}
      class="schedules-table"
      {...loadedRows(schedules, t("Loading scheduled jobs…"), t("No scheduled jobs yet."))}
      {...rowsById("data-schedule")}
      columns={columns}
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
