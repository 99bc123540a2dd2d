// Create or edit a scheduled job: operation, VMs, timing with its fields, time zone, missed-run
// policy, backup options, and a live preview of the next runs from the server.

import { type Schedule, SCHEDULE_OPERATIONS } from "../../shared/scheduler.ts";
import { Checkbox, NameField } from "../../components/kit/controls.tsx";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { CheckboxChoices } from "../../components/kit/CheckboxChoices.tsx";
import { SavedItemForm } from "../../components/kit/SavedItemForm.tsx";
import { useDraft, useFocusFirst } from "../../components/kit/use_form.ts";
import { wordOptions } from "../../components/kit/word_options.ts";
import { createSchedule, updateSchedule } from "./api.ts";
import { draftOf, inputOf, newDraft, type ScheduleDraft } from "./draft.ts";
import { browserTimeZone, OPERATION_LABELS } from "./format.ts";
import { NextRuns } from "./NextRuns.tsx";
import { TimingFields } from "./TimingFields.tsx";
import { BackupModeField, KeepField, RepeatField } from "./JobFields.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";

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

const MISSED_OPTIONS = [
  ["run-once", tKey("Run once when back")],
  ["skip", tKey("Skip")],
] as const;

export function ScheduleForm({ schedule, vms, onSaved, onCancel }: Props) {
  const draft = useDraft<ScheduleDraft>(
    schedule ? draftOf(schedule) : newDraft(browserTimeZone()),
  );
  const first = useFocusFirst();
  const d = draft.value;
  const set = draft.set;
  const prefix = schedule ? `schedule-${schedule.id}` : "schedule-new";
  const field = draftFields(draft, prefix);
  const operationOptions = wordOptions(SCHEDULE_OPERATIONS, OPERATION_LABELS);
  const missedOptions = MISSED_OPTIONS.map(([value, label]) => [value, t(label)] as const);
  // A VM deleted since the job was saved still shows (by its last known name) so it can go.
  const choices = [
    ...vms,
    ...d.vmIds.filter((id) => !vms.some((v) => v.id === id)).map((id) => ({
      id,
      name: t("{{name}} (deleted)", { name: schedule?.vmNames[id] ?? id }),
    })),
  ];

  return (
    <SavedItemForm
      editing={schedule}
      words={{ edit: t("Edit scheduled job"), new: t("New scheduled job") }}
      createLabel={t("Create job")}
      class="settings-form schedule-form"
      inCard
      input={() => inputOf(draft.value)}
      create={createSchedule}
      update={updateSchedule}
      onSaved={onSaved}
      onCancel={onCancel}
    >
      <div class="form-row">
        <NameField id={`${prefix}-name`} inputRef={first} {...draft.text("name")} />
        {field.select("operation", { label: t("Operation"), options: operationOptions })}
      </div>
      <CheckboxChoices
        legend={t("VMs")}
        options={choices.map((v) => [v.id, v.name] as const)}
        chosen={d.vmIds}
        onChosen={(vmIds) => set({ vmIds })}
      >
        {choices.length === 0 && <span class="muted">{t("No VMs yet.")}</span>}
      </CheckboxChoices>
      <div class="form-row">
        <RepeatField prefix={prefix} {...draft.text("kind")} />
        <div>
          {field.text("timezone", {
            id: "zone",
            label: t("Time zone"),
            list: `${prefix}-zones`,
            placeholder: t("The host's time zone"),
          })}
          <datalist id={`${prefix}-zones`}>
            {timeZones().map((z) => <option key={z} value={z} />)}
          </datalist>
        </div>
      </div>
      <TimingFields prefix={prefix} draft={d} set={set} />
      <NextRuns draft={d} />
      <div class="form-row">
        {field.select("missed", {
          label: t("Missed runs"),
          hint: t("When KVM Manager was down or the clock jumped past a run"),
          options: missedOptions,
        })}
        {d.operation === "backup" && (
          <>
            <BackupModeField prefix={prefix} {...draft.text("mode")} />
            <KeepField prefix={prefix} placeholder={t("default")} {...draft.text("keep")} />
          </>
        )}
      </div>
      <Checkbox label={t("Enabled")} {...draft.flag("enabled")} />
    </SavedItemForm>
  );
}
