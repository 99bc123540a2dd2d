// The scheduled jobs: what each does to which VMs and when, its next run and last result, an
// enabled toggle, and Run now / History / Edit / Delete. A job a policy keeps shows a badge and
// can only be run and looked at.

import type { Schedule } from "../../shared/scheduler.ts";
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
  return (
    <div class="table-scroll">
      <table class="table schedules-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Operation</th>
            <th scope="col">VMs</th>
            <th scope="col">When</th>
            <th scope="col">Time zone</th>
            <th scope="col">Next run</th>
            <th scope="col">Last result</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(schedules?.length ?? 0) === 0 && (
            <tr>
              <td colSpan={9} class="muted empty">
                {schedules === null ? "Loading scheduled jobs…" : "No scheduled jobs yet."}
              </td>
            </tr>
          )}
          {schedules?.map((s) => {
            const managed = managedBadge(s);
            return (
              <tr key={s.id} data-schedule={s.id}>
                <td>
                  {s.name}
                  {managed && (
                    <>
                      {" "}
                      <span class="badge managed-badge" title={managed.title}>
                        {managed.label}
                      </span>
                    </>
                  )}
                </td>
                <td>{OPERATION_LABELS[s.operation]}</td>
                <td>{targetNames(s, vms).join(", ")}</td>
                <td>{timingWords(s.timing, s.timezone)}</td>
                <td>{s.timezone}</td>
                <td class="next-run">
                  {s.nextRunAt
                    ? <time dateTime={s.nextRunAt}>{nextRunWords(s)}</time>
                    : <span class="muted">{nextRunWords(s)}</span>}
                </td>
                <td class="last-result">
                  {s.lastRun
                    ? (
                      <span class={STATUS_BADGES[s.lastRun.status]}>
                        {STATUS_LABELS[s.lastRun.status]}
                      </span>
                    )
                    : <span class="muted">Never run</span>}
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={s.enabled}
                    disabled={busy || readOnly || managed !== null}
                    aria-label={`${s.name} enabled`}
                    onChange={(e) => onToggle(s, e.currentTarget.checked)}
                  />
                </td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="button button-small needs-admin"
                    disabled={busy}
                    aria-label={`Run ${s.name} now`}
                    onClick={() => onRun(s)}
                  >
                    Run now
                  </button>
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy}
                    aria-label={`History of ${s.name}`}
                    onClick={() => onHistory(s)}
                  >
                    History
                  </button>
                  {!managed && (
                    <>
                      <button
                        type="button"
                        class="button button-small needs-admin"
                        disabled={busy}
                        aria-label={`Edit ${s.name}`}
                        onClick={() => onEdit(s)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        class="button button-small button-danger needs-admin"
                        disabled={busy}
                        aria-label={`Delete ${s.name}`}
                        onClick={() => onDelete(s)}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
