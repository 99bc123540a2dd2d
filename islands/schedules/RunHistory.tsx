// One job's run history, newest first: when it ran, for which slot and why, its status, and each
// VM's result with the error in the API's words.

import type { Schedule, ScheduleRun } from "../../shared/scheduler.ts";
import { formatInZone } from "../../shared/zoned_time.ts";
import { resultWords, STATUS_BADGES, STATUS_LABELS, TRIGGER_LABELS } from "./format.ts";

interface Props {
  schedule: Schedule;
  /** Null while loading. */
  runs: ScheduleRun[] | null;
  onClose: () => void;
}

export function RunHistory({ schedule, runs, onClose }: Props) {
  const zone = schedule.timezone;
  const titleId = `history-${schedule.id}`;
  return (
    <section class="run-history" aria-labelledby={titleId}>
      <div class="card-head">
        <h3 id={titleId}>History of {schedule.name}</h3>
        <button type="button" class="button button-small" onClick={onClose}>Close</button>
      </div>
      <div class="table-scroll">
        <table class="table runs-table">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Slot</th>
              <th scope="col">Why</th>
              <th scope="col">Status</th>
              <th scope="col">Results</th>
            </tr>
          </thead>
          <tbody>
            {(runs?.length ?? 0) === 0 && (
              <tr>
                <td colSpan={5} class="muted empty">
                  {runs === null ? "Loading runs…" : "This job has not run yet."}
                </td>
              </tr>
            )}
            {runs?.map((r) => (
              <tr key={r.id} data-run={r.id}>
                <td>
                  <time dateTime={r.startedAt}>{formatInZone(Date.parse(r.startedAt), zone)}</time>
                </td>
                <td>
                  <time dateTime={r.slotAt}>{formatInZone(Date.parse(r.slotAt), zone)}</time>
                </td>
                <td>{TRIGGER_LABELS[r.trigger]}</td>
                <td>
                  <span class={STATUS_BADGES[r.status]}>{STATUS_LABELS[r.status]}</span>
                </td>
                <td>
                  {r.error && <p class="form-error">{r.error}</p>}
                  {r.results.length > 0 && (
                    <ul class="note-lines run-results">
                      {r.results.map((v) => (
                        <li key={v.vmId} class={v.ok ? "batch-ok" : "batch-failed"}>
                          {resultWords(v)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
