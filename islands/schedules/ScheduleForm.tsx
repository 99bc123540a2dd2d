// Create or edit a scheduled job: operation, VMs, timing with its fields, time zone, missed-run
// policy, backup options, and a live preview of the next runs from the server.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import {
  BACKUP_MODES,
  type BackupMode,
  type MissedPolicy,
  type Schedule,
  SCHEDULE_OPERATIONS,
  type ScheduleOperation,
  type TimingKind,
} from "../../shared/scheduler.ts";
import { errorMessage } from "../client/api.ts";
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

export function ScheduleForm({ schedule, vms, onSaved, onCancel }: Props) {
  const draft = useSignal<ScheduleDraft>(
    schedule ? draftOf(schedule) : newDraft(browserTimeZone()),
  );
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);

  const d = draft.value;
  const set = (change: Partial<ScheduleDraft>) => draft.value = { ...draft.value, ...change };
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

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      const input = inputOf(draft.value);
      onSaved(
        schedule ? await updateSchedule(schedule.id, input) : await createSchedule(input),
      );
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form
      class="settings-form schedule-form"
      noValidate
      onSubmit={save}
      aria-label={schedule ? "Edit scheduled job" : "New scheduled job"}
    >
      <h3>{schedule ? `Edit ${schedule.name}` : "New scheduled job"}</h3>
      <div class="form-row">
        <div class="form-field">
          <label for={`${prefix}-name`}>Name</label>
          <input
            id={`${prefix}-name`}
            ref={first}
            type="text"
            maxLength={64}
            value={d.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        </div>
        <div class="form-field">
          <label for={`${prefix}-operation`}>Operation</label>
          <select
            id={`${prefix}-operation`}
            value={d.operation}
            onChange={(e) => set({ operation: e.currentTarget.value as ScheduleOperation })}
          >
            {SCHEDULE_OPERATIONS.map((o) => <option key={o} value={o}>{OPERATION_LABELS[o]}
            </option>)}
          </select>
        </div>
      </div>
      <fieldset class="choice">
        <legend>VMs</legend>
        {choices.length === 0 && <span class="muted">No VMs yet.</span>}
        {choices.map((v) => (
          <label key={v.id} class="checkbox">
            <input
              type="checkbox"
              checked={d.vmIds.includes(v.id)}
              onChange={(e) => toggleVm(v.id, e.currentTarget.checked)}
            />
            {v.name}
          </label>
        ))}
      </fieldset>
      <div class="form-row">
        <div class="form-field">
          <label for={`${prefix}-kind`}>Repeat</label>
          <select
            id={`${prefix}-kind`}
            value={d.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as TimingKind })}
          >
            {(Object.keys(KIND_LABELS) as TimingKind[]).map((k) => (
              <option key={k} value={k}>{KIND_LABELS[k]}</option>
            ))}
          </select>
        </div>
        <div class="form-field">
          <label for={`${prefix}-zone`}>Time zone</label>
          <input
            id={`${prefix}-zone`}
            type="text"
            list={`${prefix}-zones`}
            value={d.timezone}
            placeholder="The host's time zone"
            onInput={(e) => set({ timezone: e.currentTarget.value })}
          />
          <datalist id={`${prefix}-zones`}>
            {timeZones().map((z) => <option key={z} value={z} />)}
          </datalist>
        </div>
      </div>
      <TimingFields prefix={prefix} draft={d} set={set} />
      <NextRuns draft={d} />
      <div class="form-row">
        <div class="form-field">
          <label for={`${prefix}-missed`}>Missed runs</label>
          <select
            id={`${prefix}-missed`}
            value={d.missed}
            onChange={(e) => set({ missed: e.currentTarget.value as MissedPolicy })}
          >
            <option value="run-once">Run once when back</option>
            <option value="skip">Skip</option>
          </select>
          <p class="form-hint">
            When KVM Manager was down or the clock jumped past a run
          </p>
        </div>
        {d.operation === "backup" && (
          <>
            <div class="form-field">
              <label for={`${prefix}-mode`}>Backup mode</label>
              <select
                id={`${prefix}-mode`}
                value={d.mode}
                onChange={(e) => set({ mode: e.currentTarget.value as BackupMode })}
              >
                {BACKUP_MODES.map((m) => <option key={m} value={m}>{m}</option>)}
              </select>
            </div>
            <div class="form-field">
              <label for={`${prefix}-keep`}>Backups kept per VM</label>
              <input
                id={`${prefix}-keep`}
                type="number"
                min={1}
                max={100}
                placeholder="default"
                value={d.keep}
                onInput={(e) => set({ keep: e.currentTarget.value })}
              />
            </div>
          </>
        )}
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={d.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
        Enabled
      </label>
      {failure.value && <p class="note note-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value}
          aria-busy={saving.value}
        >
          {schedule ? "Save changes" : "Create job"}
        </button>
      </div>
    </form>
  );
}
