// A backup policy: none, scheduled backups (the schedule form's timing fields, zone, mode) with
// how many are kept, or the retention alone.

import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import type { ScheduleDraft } from "../schedules/draft.ts";
import { NextRuns } from "../schedules/NextRuns.tsx";
import { TimingFields } from "../schedules/TimingFields.tsx";
import { BackupModeField, KeepField, RepeatField } from "../schedules/JobFields.tsx";
import type { BackupChoice, BackupDraft } from "./draft.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  prefix: string;
  draft: BackupDraft;
  set: (draft: BackupDraft) => void;
  /** Offer "No backup policy" (a profile may have none; an override always has one). */
  allowNone: boolean;
}

const CHOICES: { value: BackupChoice; label: string }[] = [
  { value: "none", label: tKey("No backup policy") },
  { value: "schedule", label: tKey("Scheduled backups") },
  { value: "retention", label: tKey("Retention only") },
];

export function BackupFields({ prefix, draft, set, allowNone }: Props) {
  const f = draft.fields;
  const setFields = (change: Partial<ScheduleDraft>) =>
    set({ ...draft, fields: { ...f, ...change } });
  const held = heldDraft(f, setFields);
  const field = draftFields(held, prefix);
  return (
    <>
      <fieldset class="choice">
        <legend class="sr-only">{t("Backups")}</legend>
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
            {t(c.label)}
          </label>
        ))}
      </fieldset>
      {draft.choice === "schedule" && (
        <>
          <div class="form-row">
            <RepeatField once={false} prefix={prefix} {...held.text("kind")} />
            {field.text("timezone", {
              id: "zone",
              label: t("Time zone"),
              placeholder: t("e.g. {{example}}", { example: "Europe/Berlin" }),
            })}
            <BackupModeField prefix={prefix} {...held.text("mode")} />
          </div>
          <TimingFields prefix={prefix} draft={f} set={setFields} />
          <NextRuns draft={f} />
        </>
      )}
      {draft.choice !== "none" && (
        <div class="form-row">
          <KeepField prefix={prefix} {...held.text("keep")} />
        </div>
      )}
    </>
  );
}
