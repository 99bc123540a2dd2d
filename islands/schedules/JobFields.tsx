// Fields a scheduled job and a profile's backup policy both have: how it repeats, the backup
// mode and how many backups are kept per VM.

import type { TimingKind } from "../../shared/scheduler.ts";
import { BACKUP_MODES } from "../../shared/scheduler.ts";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { wordOptions } from "../../components/kit/word_options.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { MODE_LABELS } from "./format.ts";

const KIND_LABELS: Record<TimingKind, string> = {
  once: tKey("Once"),
  daily: tKey("Daily"),
  weekly: tKey("Weekly"),
  monthly: tKey("Monthly"),
  cron: tKey("Cron expression"),
};
const KINDS = Object.keys(KIND_LABELS) as TimingKind[];

interface Text {
  prefix: string;
  value: string;
  onValue: (value: string) => void;
}

/** "Repeat": the timing kinds, without "Once" where only repeating makes sense (a policy). */
export function RepeatField({ once = true, prefix, ...text }: Text & { once?: boolean }) {
  const kinds = once ? KINDS : KINDS.filter((k) => k !== "once");
  return (
    <SelectField
      id={`${prefix}-kind`}
      label={t("Repeat")}
      options={wordOptions(kinds, KIND_LABELS)}
      {...text}
    />
  );
}

export function BackupModeField({ prefix, ...text }: Text) {
  const options = wordOptions(BACKUP_MODES, MODE_LABELS);
  return <SelectField id={`${prefix}-mode`} label={t("Backup mode")} options={options} {...text} />;
}

/** Backups kept per VM; `placeholder` says what an empty field means ("default"). */
export function KeepField(
  { prefix, ...rest }: Text & { placeholder?: string; disabled?: boolean },
) {
  return (
    <TextField
      id={`${prefix}-keep`}
      label={t("Backups kept per VM")}
      type="number"
      min={1}
      max={100}
      {...rest}
    />
  );
}
