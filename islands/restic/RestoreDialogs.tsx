// Restore from a repository: a backup as a new, stopped VM (its name and the pool its disks go
// to), or one of its disks into a new volume. Each starts a job; the dialog follows it.

import type { ComponentChildren, RefObject } from "preact";
import { useSignal } from "@preact/signals";
import type { Repository, RepositoryBackup, ResticJob } from "../../shared/restic.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import { nameIssue } from "../../shared/vm_config.ts";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { type Submit, useSubmit } from "../../components/kit/use_form.ts";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { activePoolOptions, NewVmFields } from "../backups/NewVmFields.tsx";
import { startRestore, startRestoreDisk } from "./api.ts";
import { JobNote } from "./JobNote.tsx";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  repo: Repository;
  backup: RepositoryBackup;
  pools: PoolSummary[];
  onClose: () => void;
}

interface JobDialogProps {
  dialogRef: RefObject<HTMLDialogElement | null>;
  id: string;
  title: string;
  backup: RepositoryBackup;
  submit: Submit;
  /** The job the submit started; followed under the fields. */
  job: ResticJob | null;
  disabled: boolean;
  onClose: () => void;
  children: ComponentChildren;
}

/** What both restores share: the backup said, the fields, then the failure or the job started. */
function RestoreJobDialog({ backup, submit, job, children, ...dialog }: JobDialogProps) {
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
      {job && <JobNote job={job} />}
    </FormDialog>
  );
}

export function RestoreVmDialog({ dialogRef, repo, backup, pools, onClose }: Props) {
  const name = useSignal(`${backup.vmName}-restored`);
  const pool = useSignal(activePoolOptions(pools)[0]?.[0] ?? "");
  const job = useSignal<ResticJob | null>(null);
  const issue = nameIssue(name.value);
  const submit = useSubmit(async () => {
    if (issue) return;
    job.value = await startRestore(repo.id, backup.id, { name: name.value, pool: pool.value });
  });
  return (
    <RestoreJobDialog
      dialogRef={dialogRef}
      id="repo-restore"
      title={t("Restore as new VM")}
      backup={backup}
      submit={submit}
      job={job.value}
      disabled={issue !== null || !pool.value}
      onClose={onClose}
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

export function RestoreDiskDialog({ dialogRef, repo, backup, pools, onClose }: Props) {
  const target = useSignal(backup.disks[0]?.target ?? "");
  const pool = useSignal(activePoolOptions(pools)[0]?.[0] ?? "");
  const volume = useSignal(`${backup.vmName}-${backup.disks[0]?.target ?? "disk"}-restored`);
  const job = useSignal<ResticJob | null>(null);
  const submit = useSubmit(async () => {
    job.value = await startRestoreDisk(repo.id, backup.id, {
      target: target.value,
      pool: pool.value,
      volume: volume.value.trim(),
    });
  });
  return (
    <RestoreJobDialog
      dialogRef={dialogRef}
      id="repo-restore-disk"
      title={t("Restore one disk")}
      backup={backup}
      submit={submit}
      job={job.value}
      disabled={!target.value || !pool.value || !volume.value.trim()}
      onClose={onClose}
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
