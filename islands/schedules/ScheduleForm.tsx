// Create or edit a scheduled job: operation, VMs, timing with its fields, time zone, missed-run
// policy, backup options, and a live preview of the next runs from the server.

import { type Schedule, SCHEDULE_OPERATIONS } from "../../shared/scheduler.ts";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { editOrNew, FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { createSchedule, updateSchedule } from "./api.ts";
import { draftOf, inputOf, newDraft, type ScheduleDraft } from "./draft.ts";
import { browserTimeZone, OPERATION_LABELS } from "./format.ts";
import { NextRuns } from "./NextRuns.tsx";
import { TimingFields } from "./TimingFields.tsx";
import { BackupModeField, KeepField, RepeatField } from "./JobFields.tsx";

interface Props {
  /** The job to edit; none for a new one. */
  schedule?: Schedule;
  vms: { id: string; name: string }[];
  onSaved: (s: Schedule) => void;
  onCancel: () => void;
}

let zoneNames: string[] | null = null;
/** Every IANA zone the browser knows, for the time zone field's suggestions. */
function timeZones(): string[] {
  zoneNames ??= (Intl as { supportedValuesOf?: (k: string) => string[] })
    .supportedValuesOf?.("timeZone") ?? [];
  return zoneNames;
}

const OPERATION_OPTIONS = SCHEDULE_OPERATIONS.map((o) => [o, OPERATION_LABELS[o]] as const);
const MISSED_OPTIONS = [["run-once", "Run once when back"], ["skip", "Skip"]] as const;

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
    <FormPanel
      {...editOrNew(schedule, "scheduled job", "Create job")}
      class="settings-form schedule-form"
      submit={submit}
      onCancel={onCancel}
      inCard
    >
      <div class="form-row">
        <TextField
          id={`${prefix}-name`}
          label="Name"
          inputRef={first}
          maxLength={64}
          {...draft.text("name")}
        />
        <SelectField
          id={`${prefix}-operation`}
          label="Operation"
          options={OPERATION_OPTIONS}
          {...draft.text("operation")}
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
        <RepeatField prefix={prefix} {...draft.text("kind")} />
        <div>
          <TextField
            id={`${prefix}-zone`}
            label="Time zone"
            list={`${prefix}-zones`}
            placeholder="The host's time zone"
            {...draft.text("timezone")}
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
          options={MISSED_OPTIONS}
          {...draft.text("missed")}
        />
        {d.operation === "backup" && (
          <>
            <BackupModeField prefix={prefix} {...draft.text("mode")} />
            <KeepField prefix={prefix} placeholder="default" {...draft.text("keep")} />
          </>
        )}
      </div>
      <Checkbox label="Enabled" {...draft.flag("enabled")} />
    </FormPanel>
  );
}
