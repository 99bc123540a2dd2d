// /schedules: the scheduled jobs (create, edit, enable, run now, delete) and one job's run
// history, kept current by "schedule-run" events.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Schedule, ScheduleRun } from "../shared/scheduler.ts";
import { AskNamedDialog } from "../components/kit/Dialog.tsx";
import { EditorCard } from "../components/kit/EditorCard.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { changeThenReload, useItemEditor } from "../components/kit/use_item_editor.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload, useVmNames } from "../components/kit/use_reload.ts";
import { errorMessage } from "../components/client/api.ts";
import { isAdmin } from "../components/client/session.ts";
import { showError } from "../components/client/toasts.tsx";
import {
  deleteSchedule,
  listRuns,
  listSchedules,
  runSchedule,
  updateSchedule,
} from "./schedules/api.ts";
import { inputOfSchedule } from "./schedules/draft.ts";
import { RunHistory } from "./schedules/RunHistory.tsx";
import { ScheduleForm } from "./schedules/ScheduleForm.tsx";
import { ScheduleTable } from "./schedules/ScheduleTable.tsx";
import { subscribeEvents } from "../components/client/events.ts";
import { coalesce } from "../components/client/coalesce.ts";
import { t } from "../shared/i18n/t.ts";

export default function Schedules(_props: Record<string, unknown>) {
  const schedules = useSignal<Schedule[] | null>(null);
  const { vms, readVms } = useVmNames();
  const hydrated = useHydrated();
  const historyOf = useSignal<string | null>(null);
  const runs = useSignal<ScheduleRun[] | null>(null);
  const doomed = useConfirm<Schedule>();
  const readRuns = coalesce(async () => {
    const id = historyOf.value;
    if (id === null) return;
    try {
      const list = await listRuns(id);
      if (historyOf.value === id) runs.value = list;
    } catch (err) {
      showError(errorMessage(err));
    }
  });
  const { reload, loadError } = useReload(async () => {
    [schedules.value] = await Promise.all([listSchedules(), readVms()]);
  });

  useEffect(() => {
    reload();
    return subscribeEvents((e) => {
      if (e.type === "schedule-run") {
        reload();
        if (e.scheduleId === historyOf.value) readRuns();
      } else if (e.type === "policy-changed" || e.type === "profiles-changed") {
        // Policies keep backup jobs: theirs may have come, changed or gone.
        reload();
      } else if (e.type === "vm-created" || e.type === "vm-deleted") readVms().catch(() => {});
    }, () => {
      reload();
      readRuns();
    });
  }, []);

  const editor = useItemEditor(schedules.value, reload);
  const act = changeThenReload(reload);
  const showHistory = (s: Schedule) => {
    historyOf.value = s.id;
    runs.value = null;
    readRuns();
  };

  const historyJob = schedules.value?.find((s) => s.id === historyOf.value);
  return (
    <div>
      <ErrorNotice message={loadError.value} />
      <EditorCard
        id="jobs"
        title={t("Scheduled jobs")}
        newLabel={t("New job")}
        disabled={!hydrated.value}
        editor={editor}
        form={(schedule, done) => <ScheduleForm schedule={schedule} vms={vms.value} {...done} />}
      >
        <ScheduleTable
          schedules={schedules.value}
          vms={vms.value}
          busy={!hydrated.value}
          readOnly={hydrated.value && !isAdmin()}
          onToggle={(s, enabled) =>
            act(() => updateSchedule(s.id, inputOfSchedule(s, { enabled })))}
          onRun={(s) =>
            act(async () => {
              await runSchedule(s.id);
              showHistory(s);
            })}
          onHistory={showHistory}
          onEdit={editor.edit}
          onDelete={doomed.ask}
        />
        {historyJob && (
          <RunHistory
            schedule={historyJob}
            runs={runs.value}
            onClose={() => historyOf.value = null}
          />
        )}
      </EditorCard>
      <AskNamedDialog
        confirm={doomed}
        title={t("Delete scheduled job")}
        question={t("Delete the job {{name}} and its run history? Runs already going finish.", {
          name: "{{name}}",
        })}
        onConfirm={(gone) =>
          act(async () => {
            await deleteSchedule(gone.id);
            if (historyOf.value === gone.id) historyOf.value = null;
          })}
      />
    </div>
  );
}
