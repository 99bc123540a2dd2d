// Create or edit a scheduled job: operation, VMs, timing with its fields, time zone, missed-run
// policy, backup options, and a live preview of the next runs from the server.

import {
  BACKUP_MODES,
  type BackupMode,
  type MissedPolicy,
  type Schedule,
  SCHEDULE_OPERATIONS,
  type ScheduleOperation,
  type TimingKind,
} from "../../shared/scheduler.ts";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { FormButtons } from "../../components/kit/FormButtons.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { createSchedule, updateSchedule } from "./api.ts";
import { draftOf, inputOf, newDraft, type ScheduleDraft } from "./draft.ts";
import { browserTimeZone, OPERATION_LABELS } from "./format.ts";
import { NextRuns } from "./NextRuns.tsx";
import { TimingFields } from "./TimingFields.tsx";

interface Props {
  /** The job to edit; none for a new one. */
  schedule?: Schedule;
  vms: { id: string; name: string }[];
  onSaved: (s: Schedule) => void;
  onCancel: () => void;
}

const KIND_LABELS: Record<TimingKind, string> = {
  once: "Once",
  daily: "Daily",
  weekly: "Weekly",
  monthly: "Monthly",
  cron: "Cron expression",
};

let zoneNames: string[] | null = null;
/** Every IANA zone the browser knows, for the time zone field's suggestions. */
function timeZones(): string[] {
  zoneNames ??= (Intl as { supportedValuesOf?: (k: string) => string[] })
    .supportedValuesOf?.("timeZone") ?? [];
  return zoneNames;
}

const OPERATION_OPTIONS = SCHEDULE_OPERATIONS.map((o) => [o, OPERATION_LABELS[o]] as const);
const KIND_OPTIONS = (Object.keys(KIND_LABELS) as TimingKind[]).map((k) =>
  [k, KIND_LABELS[k]] as const
);
const MISSED_OPTIONS = [["run-once", "Run once when back"], ["skip", "Skip"]] as const;
const MODE_OPTIONS = BACKUP_MODES.map((m) => [m, m] as const);

export function ScheduleForm({ schedule, vms, onSaved, onCancel }: Props) {
  const draft = useDraft<ScheduleDraft>(
    schedule ? draftOf(schedule) : newDraft(browserTimeZone()),
  );
  const first = useFocusFirst();
  const d = draft.value;
  const set = draft.set;
  const prefix = schedule ? `schedule-${schedule.id}` : "schedule-new";
  // A VM deleted since the job was saved still shows (by its last known name) so it can go.
  const choices = [
    ...vms,
    ...d.vmIds.filter((id) => !vms.some((v) => v.id === id)).map((id) => ({
      id,
      name: `${schedule?.vmNames[id] ?? id} (deleted)`,
    })),
  ];
  const toggleVm = (id: string, on: boolean) =>
    set({ vmIds: on ? [...d.vmIds, id] : d.vmIds.filter((v) => v !== id) });
  const submit = useSubmit(async () => {
    const input = inputOf(draft.value);
    onSaved(schedule ? await updateSchedule(schedule.id, input) : await createSchedule(input));
  });

  return (
    <form
      class="settings-form schedule-form"
      noValidate
      onSubmit={submit.onSubmit}
      aria-label={schedule ? "Edit scheduled job" : "New scheduled job"}
    >
      <h3>{schedule ? `Edit ${schedule.name}` : "New scheduled job"}</h3>
      <div class="form-row">
        <TextField
          id={`${prefix}-name`}
          label="Name"
          inputRef={first}
          maxLength={64}
          value={d.name}
          onValue={(name) => set({ name })}
        />
        <SelectField
          id={`${prefix}-operation`}
          label="Operation"
          value={d.operation}
          options={OPERATION_OPTIONS}
          onValue={(v) => set({ operation: v as ScheduleOperation })}
        />
      </div>
      <fieldset class="choice">
        <legend>VMs</legend>
        {choices.length === 0 && <span class="muted">No VMs yet.</span>}
        {choices.map((v) => (
          <Checkbox
            key={v.id}
            label={v.name}
            checked={d.vmIds.includes(v.id)}
            onChecked={(on) => toggleVm(v.id, on)}
          />
        ))}
      </fieldset>
      <div class="form-row">
        <SelectField
          id={`${prefix}-kind`}
          label="Repeat"
          value={d.kind}
          options={KIND_OPTIONS}
          onValue={(v) => set({ kind: v as TimingKind })}
        />
        <div>
          <TextField
            id={`${prefix}-zone`}
            label="Time zone"
            list={`${prefix}-zones`}
            placeholder="The host's time zone"
            value={d.timezone}
            onValue={(timezone) => set({ timezone })}
          />
          <datalist id={`${prefix}-zones`}>
            {timeZones().map((z) => <option key={z} value={z} />)}
          </datalist>
        </div>
      </div>
      <TimingFields prefix={prefix} draft={d} set={set} />
      <NextRuns draft={d} />
      <div class="form-row">
        <SelectField
          id={`${prefix}-missed`}
          label="Missed runs"
          hint="When KVM Manager was down or the clock jumped past a run"
          value={d.missed}
          options={MISSED_OPTIONS}
          onValue={(v) => set({ missed: v as MissedPolicy })}
        />
        {d.operation === "backup" && (
          <>
            <SelectField
              id={`${prefix}-mode`}
              label="Backup mode"
              value={d.mode}
              options={MODE_OPTIONS}
              onValue={(v) => set({ mode: v as BackupMode })}
            />
            <TextField
              id={`${prefix}-keep`}
              label="Backups kept per VM"
              type="number"
              min={1}
              max={100}
              placeholder="default"
              value={d.keep}
              onValue={(keep) => set({ keep })}
            />
          </>
        )}
      </div>
      <Checkbox label="Enabled" checked={d.enabled} onChecked={(enabled) => set({ enabled })} />
      <Notice tone="error" kind="note">{submit.failure.value}</Notice>
      <FormButtons
        submit={schedule ? "Save changes" : "Create job"}
        busy={submit.busy.value}
        onCancel={onCancel}
      />
    </form>
  );
}
