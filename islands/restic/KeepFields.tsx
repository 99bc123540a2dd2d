// The keep policy (how many snapshots `forget --prune` keeps of each VM disk, per rule) and the
// check schedule: the fields the Add form and the Edit dialog share.

import type { KeepPolicy } from "../../shared/restic.ts";
import { TextField } from "../../components/kit/controls.tsx";
import { t } from "../../shared/i18n/t.ts";

export type KeepDraft = Record<keyof KeepPolicy, string>;

export const KEEP_RULES = ["last", "daily", "weekly", "monthly"] as const;

export const keepDraftOf = (keep: KeepPolicy | null): KeepDraft => ({
  last: String(keep?.last ?? 7),
  daily: String(keep?.daily ?? 0),
  weekly: String(keep?.weekly ?? 0),
  monthly: String(keep?.monthly ?? 0),
});

/** What was typed as numbers; the API's message says what is allowed, so send it as typed. */
export const keepOf = (d: KeepDraft): KeepPolicy => ({
  last: d.last.trim() === "" ? 0 : Number(d.last),
  daily: d.daily.trim() === "" ? 0 : Number(d.daily),
  weekly: d.weekly.trim() === "" ? 0 : Number(d.weekly),
  monthly: d.monthly.trim() === "" ? 0 : Number(d.monthly),
});

interface Props {
  prefix: string;
  keep: KeepDraft;
  onKeep: (keep: KeepDraft) => void;
  schedule: string;
  onSchedule: (text: string) => void;
}

export function KeepFields({ prefix, keep, onKeep, schedule, onSchedule }: Props) {
  const labels: Record<keyof KeepPolicy, string> = {
    last: t("Keep last"),
    daily: t("Keep daily"),
    weekly: t("Keep weekly"),
    monthly: t("Keep monthly"),
  };
  return (
    <>
      <fieldset class="subfieldset">
        <legend>{t("Keep policy")}</legend>
        <p class="field-hint">
          {t("Snapshots of each VM disk that Prune keeps; 0 turns a rule off.")}
        </p>
        <div class="form-row">
          {KEEP_RULES.map((rule) => (
            <TextField
              key={rule}
              id={`${prefix}-keep-${rule}`}
              label={labels[rule]}
              type="number"
              min={0}
              inputMode="numeric"
              value={keep[rule]}
              onValue={(v) => onKeep({ ...keep, [rule]: v })}
            />
          ))}
        </div>
      </fieldset>
      <TextField
        id={`${prefix}-schedule`}
        label={t("Check schedule")}
        hint={t("A cron expression in the host's time zone, e.g. 0 3 * * 0; empty: no checks.")}
        value={schedule}
        onValue={onSchedule}
      />
    </>
  );
}
