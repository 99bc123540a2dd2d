// "Back up now" for one VM: the mode (auto, full, incremental), then the API's answer; progress
// shows in the table below through the backup's events.

import { useSignal } from "@preact/signals";
import { BACKUP_MODES, type BackupMode } from "../../shared/backups.ts";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { startBackup } from "./api.ts";

const MODE_LABELS: Record<BackupMode, string> = {
  auto: "Automatic (incremental when possible)",
  full: "Full",
  incremental: "Incremental",
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
      return b.kind === "incremental"
        ? "Incremental backup started."
        : `Full backup started${
          b.method === "copy" ? " (the stopped VM's disks are copied)" : ""
        }.`;
    });
  };
  return (
    <form class="settings-form needs-admin" aria-label="Back up now" onSubmit={submit}>
      <div class="form-buttons">
        <label for={`backup-mode-${vmId}`}>Mode</label>
        <select
          id={`backup-mode-${vmId}`}
          value={mode.value}
          onChange={(e) => mode.value = e.currentTarget.value as BackupMode}
        >
          {BACKUP_MODES.map((m) => <option key={m} value={m}>{MODE_LABELS[m]}</option>)}
        </select>
        <button
          type="submit"
          class="button button-primary"
          disabled={disabled || action.busy.value}
          aria-busy={action.busy.value}
        >
          Back up now
        </button>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </form>
  );
}
