// One job's run history, newest first: when it ran, for which slot and why, its status, and each
// VM's result with the error in the API's words.

import type { Schedule, ScheduleRun } from "../../shared/scheduler.ts";
import { Button } from "../../components/kit/Button.tsx";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { loadedRows } from "../../components/kit/action_list.tsx";
import {
  formatRunTime,
  resultWords,
  STATUS_BADGES,
  STATUS_LABELS,
  triggerWords,
} from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  schedule: Schedule;
  /** Null while loading. */
  runs: ScheduleRun[] | null;
  onClose: () => void;
}

export function RunHistory({ schedule, runs, onClose }: Props) {
  const zone = schedule.timezone;
  const titleId = `history-${schedule.id}`;
  const at = (iso: string) => <time dateTime={iso}>{formatRunTime(Date.parse(iso), zone)}</time>;
  const columns: Column<ScheduleRun>[] = [
    { id: "started", header: t("Started"), cell: (r) => at(r.startedAt) },
    { id: "slot", header: t("Slot"), cell: (r) => at(r.slotAt) },
    { id: "why", header: t("Why"), cell: (r) => triggerWords(r.trigger) },
    {
      id: "status",
      header: t("Status"),
      cell: (r) => <span class={STATUS_BADGES[r.status]}>{t(STATUS_LABELS[r.status])}</span>,
    },
    { id: "results", header: t("Results"), cell: (r) => <Results run={r} /> },
  ];
  return (
    <section class="run-history" aria-labelledby={titleId}>
      <div class="card-head">
        <h3 id={titleId}>{t("History of {{name}}", { name: schedule.name })}</h3>
        <Button small onClick={onClose}>{t("Close")}</Button>
      </div>
      <DataTable
        label={t("Runs of {{name}}", { name: schedule.name })}
        class="runs-table"
        {...loadedRows(runs, t("Loading runs…"), t("This job has not run yet."))}
        {...rowsById("data-run")}
        columns={columns}
      />
    </section>
  );
}

function Results({ run }: { run: ScheduleRun }) {
  return (
    <>
      {run.error && <p class="form-error">{run.error}</p>}
      {run.results.length > 0 && (
        <ul class="note-lines run-results">
          {run.results.map((v) => (
            <li key={v.vmId} class={v.ok ? "batch-ok" : "batch-failed"}>{resultWords(v)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
