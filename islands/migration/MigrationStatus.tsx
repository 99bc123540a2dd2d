// A VM's latest migration: where to, how, a progress bar and Cancel while it runs, the outcome
// with libvirt's words, and a link to the VM on its new host.

import { useSignal } from "@preact/signals";
import type { MigrationJob } from "../../shared/migration.ts";
import { errorMessage } from "../client/api.ts";
import { cancelMigration } from "./api.ts";
import { PHASE_LABELS, progressText, STATE_BADGES, vmPageOn } from "./format.ts";

const STATE_LABELS = {
  running: "Migrating",
  completed: "Migrated",
  failed: "Failed",
  cancelled: "Cancelled",
} as const;

function how(job: MigrationJob): string {
  const mode = job.offline ? "offline" : job.live ? "live" : "paused";
  return job.copyStorage ? `${mode}, with its disks` : mode;
}

export function MigrationStatus(
  { job, onChanged }: { job: MigrationJob; onChanged: (job: MigrationJob) => void },
) {
  const cancelling = useSignal(false);
  const cancelError = useSignal<string | null>(null);
  const running = job.state === "running";
  const bytes = progressText(job);

  const cancel = async () => {
    cancelling.value = true;
    cancelError.value = null;
    try {
      onChanged(await cancelMigration(job.vmId));
    } catch (err) {
      cancelError.value = errorMessage(err);
    } finally {
      cancelling.value = false;
    }
  };

  return (
    <div aria-live="polite">
      <p>
        <span class={STATE_BADGES[job.state]}>{STATE_LABELS[job.state]}</span> to{" "}
        <strong>{job.toName}</strong> ({how(job)}), started{" "}
        {new Date(job.startedAt).toLocaleString()}
      </p>
      {running && (
        <div class="clone-progress">
          <progress
            value={job.progress.dataTotal > 0 ? job.progress.percent : undefined}
            max={100}
            aria-label={`Migration of ${job.name} to ${job.toName}`}
          />
          <span>
            {PHASE_LABELS[job.progress.phase]}
            {bytes && ` · ${bytes} · ${job.progress.percent}%`}
          </span>
        </div>
      )}
      {running && (
        <button
          type="button"
          class="button"
          onClick={cancel}
          disabled={cancelling.value}
          aria-busy={cancelling.value}
        >
          Cancel migration
        </button>
      )}
      {job.state === "completed" && (
        <p>
          {job.name} is {job.offline ? "defined" : "running"} on {job.toName} now:{" "}
          <a href={vmPageOn(job)}>open it there</a>.
        </p>
      )}
      {job.error && <p class="form-error">{job.error}</p>}
      {cancelError.value && <p class="form-error" role="alert">{cancelError.value}</p>}
    </div>
  );
}
