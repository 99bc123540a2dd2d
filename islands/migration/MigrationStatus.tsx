// A VM's latest migration: where to, how, a progress bar and Cancel while it runs, the outcome
// with libvirt's words, and a link to the VM on its new host.

import { useSignal } from "@preact/signals";
import type { MigrationJob } from "../../shared/migration.ts";
import { errorMessage } from "../../components/client/api.ts";
import { cancelMigration } from "./api.ts";
import { PHASE_LABELS, progressText, STATE_BADGES, vmPageOn } from "./format.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

const STATE_LABELS = {
  running: tKey("Migrating"),
  completed: tKey("Migrated"),
  failed: tKey("Failed"),
  cancelled: tKey("Cancelled"),
} as const;

function how(job: MigrationJob): string {
  const mode = job.offline ? t("offline") : job.live ? t("live") : t("paused");
  return job.copyStorage ? t("{{mode}}, with its disks", { mode }) : mode;
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
        <Trans
          text={t("{{state}} to {{host}} ({{how}}), started {{time}}", {
            state: "{{state}}",
            host: "{{host}}",
            how: how(job),
            time: formatDateTime(job.startedAt),
          })}
          parts={{
            state: <span class={STATE_BADGES[job.state]}>{t(STATE_LABELS[job.state])}</span>,
            host: <strong>{job.toName}</strong>,
          }}
        />
      </p>
      {running && (
        <div class="clone-progress">
          <progress
            value={job.progress.dataTotal > 0 ? job.progress.percent : undefined}
            max={100}
            aria-label={t("Migration of {{name}} to {{host}}", {
              name: job.name,
              host: job.toName,
            })}
          />
          <span>
            {t(PHASE_LABELS[job.progress.phase])}
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
          {t("Cancel migration")}
        </button>
      )}
      {job.state === "completed" && (
        <p>
          <Trans
            text={job.offline
              ? t("{{name}} is defined on {{host}} now: {{link}}.", {
                name: job.name,
                host: job.toName,
                link: "{{link}}",
              })
              : t("{{name}} is running on {{host}} now: {{link}}.", {
                name: job.name,
                host: job.toName,
                link: "{{link}}",
              })}
            parts={{ link: <a href={vmPageOn(job)}>{t("open it there")}</a> }}
          />
        </p>
      )}
      {job.error && <p class="form-error">{job.error}</p>}
      {cancelError.value && <p class="form-error" role="alert">{cancelError.value}</p>}
    </div>
  );
}
