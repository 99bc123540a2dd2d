// A backup policy: none, scheduled backups (the schedule form's timing fields, zone, mode) with
// how many are kept, or the retention alone.

import { BACKUP_MODES, type BackupMode, type TimingKind } from "../../shared/scheduler.ts";
import type { ScheduleDraft } from "../schedules/draft.ts";
import { NextRuns } from "../schedules/NextRuns.tsx";
import { TimingFields } from "../schedules/TimingFields.tsx";
import type { BackupChoice, BackupDraft } from "./draft.ts";

interface Props {
  prefix: string;
  draft: BackupDraft;
  set: (draft: BackupDraft) => void;
  /** Offer "No backup policy" (a profile may have none; an override always has one). */
  allowNone: boolean;
}

const CHOICES: { value: BackupChoice; label: string }[] = [
  { value: "none", label: "No backup policy" },
  { value: "schedule", label: "Scheduled backups" },
  { value: "retention", label: "Retention only" },
];

const KINDS: { value: Exclude<TimingKind, "once">; label: string }[] = [
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
  { value: "monthly", label: "Monthly" },
  { value: "cron", label: "Cron expression" },
];

export function BackupFields({ prefix, draft, set, allowNone }: Props) {
  const f = draft.fields;
  const setFields = (change: Partial<ScheduleDraft>) =>
    set({ ...draft, fields: { ...f, ...change } });
  return (
    <>
      <fieldset class="choice">
        <legend class="sr-only">Backups</legend>
        {CHOICES.filter((c) => allowNone || c.value !== "none").map((c) => (
          <label key={c.value} class="checkbox">
            <input
              type="radio"
              name={`${prefix}-choice`}
              value={c.value}
              checked={draft.choice === c.value}
              onChange={() =>
                set({ ...draft, choice: c.value })}
            />{" "}
            {c.label}
          </label>
        ))}
      </fieldset>
      {draft.choice === "schedule" && (
        <>
          <div class="form-row">
            <div class="form-field">
              <label for={`${prefix}-kind`}>Repeat</label>
              <select
                id={`${prefix}-kind`}
                value={f.kind}
                onChange={(e) => setFields({ kind: e.currentTarget.value as TimingKind })}
              >
                {KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
              </select>
            </div>
            <div class="form-field">
              <label for={`${prefix}-zone`}>Time zone</label>
              <input
                id={`${prefix}-zone`}
                type="text"
                value={f.timezone}
                placeholder="e.g. Europe/Berlin"
                onInput={(e) => setFields({ timezone: e.currentTarget.value })}
              />
            </div>
            <div class="form-field">
              <label for={`${prefix}-mode`}>Backup mode</label>
              <select
                id={`${prefix}-mode`}
                value={f.mode}
                onChange={(e) => setFields({ mode: e.currentTarget.value as BackupMode })}
              >
                {BACKUP_MODES.map((m) => <option key={m} value={m}>{m}</option>)}
              </select>
            </div>
          </div>
          <TimingFields prefix={prefix} draft={f} set={setFields} />
          <NextRuns draft={f} />
        </>
      )}
      {draft.choice !== "none" && (
        <div class="form-row">
          <div class="form-field">
            <label for={`${prefix}-keep`}>Backups kept per VM</label>
            <input
              id={`${prefix}-keep`}
              type="number"
              min={1}
              max={100}
              value={f.keep}
              onInput={(e) => setFields({ keep: e.currentTarget.value })}
            />
          </div>
        </div>
      )}
    </>
  );
}
