// Restore from a repository: a backup as a new, stopped VM (its name and the pool its disks go
// to), or one of its disks into a new volume. Each starts a job; the dialog follows it.

import type { ComponentChildren } from "preact";
import { useSignal } from "@preact/signals";
import type { RepositoryBackup, ResticJob } from "../../shared/restic.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import { nameIssue } from "../../shared/vm_config.ts";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { useSubmit } from "../../components/kit/use_form.ts";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { activePoolOptions, NewVmFields } from "../backups/NewVmFields.tsx";
import { startRestore, startRestoreDisk } from "./api.ts";
import type { RepositoryDialogProps } from "./dialog_props.ts";
import { JobNote } from "./JobNote.tsx";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props extends RepositoryDialogProps {
  backup: RepositoryBackup;
  pools: PoolSummary[];
}

interface JobDialogProps extends Omit<RepositoryDialogProps, "repo"> {
  id: string;
  title: string;
  backup: RepositoryBackup;
  /** Starts the restore from the fields; the dialog follows the job it answers. */
  start: () => Promise<ResticJob>;
  /** The fields do not make a restore yet: the button is disabled and nothing starts. */
  disabled: boolean;
  children: ComponentChildren;
}

/**
 * What both restores share: the backup said, the fields, the submit that starts the job, then
 * the failure or the job started.
 */
function RestoreJobDialog({ backup, start, children, ...dialog }: JobDialogProps) {
  const job = useSignal<ResticJob | null>(null);
  const submit = useSubmit(async () => {
    if (dialog.disabled) return;
    job.value = await start();
  });
  return (
    <FormDialog
      {...dialog}
      onSubmit={submit.onSubmit}
      submitLabel={t("Restore")}
      busy={submit.busy.value}
    >
      <p>
        {t("The backup of {{vm}} from {{time}}.", {
          vm: backup.vmName,
          time: formatDateTime(backup.time),
        })}
      </p>
      {children}
      <ErrorNotice message={submit.failure.value} />
      {job.value && <JobNote job={job.value} />}
    </FormDialog>
  );
}

/** The first active pool, chosen until the user picks another. */
const firstPool = (pools: PoolSummary[]) => activePoolOptions(pools)[0]?.[0] ?? "";

export function RestoreVmDialog({ repo, pools, ...dialog }: Props) {
  const { backup } = dialog;
  const name = useSignal(`${backup.vmName}-restored`);
  const pool = useSignal(firstPool(pools));
  return (
    <RestoreJobDialog
      {...dialog}
      id="repo-restore"
      title={t("Restore as new VM")}
      start={() => startRestore(repo.id, backup.id, { name: name.value, pool: pool.value })}
      disabled={nameIssue(name.value) !== null || !pool.value}
    >
      <NewVmFields
        prefix="repo-restore"
        name={name.value}
        onName={(v) => name.value = v}
        pools={pools}
        pool={pool.value}
        onPool={(v) => pool.value = v}
        poolHint={t("A folder pool on this server.")}
      />
    </RestoreJobDialog>
  );
}

export function RestoreDiskDialog({ repo, pools, ...dialog }: Props) {
  const { backup } = dialog;
  const target = useSignal(backup.disks[0]?.target ?? "");
  const pool = useSignal(firstPool(pools));
  const volume = useSignal(`${backup.vmName}-${backup.disks[0]?.target ?? "disk"}-restored`);
  const start = () =>
    startRestoreDisk(repo.id, backup.id, {
      target: target.value,
      pool: pool.value,
      volume: volume.value.trim(),
    });
  return (
    <RestoreJobDialog
      {...dialog}
      id="repo-restore-disk"
      title={t("Restore one disk")}
      start={start}
      disabled={!target.value || !pool.value || !volume.value.trim()}
    >
      <SelectField
        id="repo-restore-disk-target"
        class="form-field"
        label={t("Disk")}
        options={backup.disks.map((d) => [d.target, d.target] as const)}
        value={target.value}
        onValue={(v) => {
          target.value = v;
          volume.value = `${backup.vmName}-${v}-restored`;
        }}
      />
      <SelectField
        id="repo-restore-disk-pool"
        class="form-field"
        label={t("Storage pool")}
        options={activePoolOptions(pools)}
        value={pool.value}
        onValue={(v) => pool.value = v}
      />
      <TextField
        id="repo-restore-disk-volume"
        class="form-field"
        label={t("Name of the new volume")}
        hint={t("A raw volume; an existing one is never overwritten.")}
        value={volume.value}
        onValue={(v) => volume.value = v}
      />
    </RestoreJobDialog>
  );
}
