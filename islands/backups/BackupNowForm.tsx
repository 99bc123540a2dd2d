// "Back up now" for one VM: the mode (auto, full, incremental), then the API's answer; progress
// shows in the table below through the backup's events.

import { useSignal } from "@preact/signals";
import { BACKUP_MODES, type BackupMode } from "../../shared/backups.ts";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { SubmitButton } from "../../components/kit/SubmitButton.tsx";
import { startBackup } from "./api.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

const MODE_LABELS: Record<BackupMode, string> = {
  auto: tKey("Automatic (incremental when possible)"),
  full: tKey("Full"),
  incremental: tKey("Incremental"),
};

export function BackupNowForm(
  { vmId, disabled, onStarted }: { vmId: string; disabled: boolean; onStarted: () => void },
) {
  const mode = useSignal<BackupMode>("auto");
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const b = await startBackup(vmId, { mode: mode.value });
      onStarted();
      if (b.kind === "incremental") return t("Incremental backup started.");
      return b.method === "copy"
        ? t("Full backup started (the stopped VM's disks are copied).")
        : t("Full backup started.");
    });
  };
  return (
    <form class="settings-form needs-admin" aria-label={t("Back up now")} onSubmit={submit}>
      <div class="form-buttons">
        <label for={`backup-mode-${vmId}`}>{t("Mode")}</label>
        <select
          id={`backup-mode-${vmId}`}
          value={mode.value}
          onChange={(e) => mode.value = e.currentTarget.value as BackupMode}
        >
          {BACKUP_MODES.map((m) => <option key={m} value={m}>{t(MODE_LABELS[m])}</option>)}
        </select>
        <SubmitButton busy={action.busy.value} disabled={disabled}>{t("Back up now")}</SubmitButton>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </form>
  );
}
