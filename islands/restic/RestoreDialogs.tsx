// Restore from a repository: a backup as a new, stopped VM (its name and the pool its disks go
// to), or one of its disks into a new volume. Each starts a job; the dialog follows it.

import type { RefObject } from "preact";
import { useSignal } from "@preact/signals";
import type { Repository, RepositoryBackup, ResticJob } from "../../shared/restic.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import { nameIssue } from "../../shared/vm_config.ts";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { useSubmit } from "../../components/kit/use_form.ts";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { NewVmNameField } from "../settings/NewVmNameField.tsx";
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

const poolOptions = (pools: PoolSummary[]) =>
  pools.filter((p) => p.active).map((p) => [p.name, p.name] as const);

function What({ backup }: { backup: RepositoryBackup }) {
  return (
    <p>
      {t("The backup of {{vm}} from {{time}}.", {
        vm: backup.vmName,
        time: formatDateTime(backup.time),
      })}
    </p>
  );
}

export function RestoreVmDialog({ dialogRef, repo, backup, pools, onClose }: Props) {
  const name = useSignal(`${backup.vmName}-restored`);
  const pool = useSignal(poolOptions(pools)[0]?.[0] ?? "");
  const job = useSignal<ResticJob | null>(null);
  const issue = nameIssue(name.value);
  const submit = useSubmit(async () => {
    if (issue) return;
    job.value = await startRestore(repo.id, backup.id, { name: name.value, pool: pool.value });
  });
  return (
    <FormDialog
      dialogRef={dialogRef}
      id="repo-restore"
      title={t("Restore as new VM")}
      onSubmit={submit.onSubmit}
      onClose={onClose}
      submitLabel={t("Restore")}
      busy={submit.busy.value}
      disabled={issue !== null || !pool.value}
    >
      <What backup={backup} />
      <NewVmNameField
        id="repo-restore-name"
        label={t("Name of the new VM")}
        value={name.value}
        onValue={(v) => name.value = v}
      />
      <SelectField
        id="repo-restore-pool"
        class="form-field"
        label={t("Storage pool for the disks")}
        hint={t("A folder pool on this server.")}
        options={poolOptions(pools)}
        value={pool.value}
        onValue={(v) => pool.value = v}
      />
      <ErrorNotice message={submit.failure.value} />
      {job.value && <JobNote job={job.value} />}
    </FormDialog>
  );
}

export function RestoreDiskDialog({ dialogRef, repo, backup, pools, onClose }: Props) {
  const target = useSignal(backup.disks[0]?.target ?? "");
  const pool = useSignal(poolOptions(pools)[0]?.[0] ?? "");
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
    <FormDialog
      dialogRef={dialogRef}
      id="repo-restore-disk"
      title={t("Restore one disk")}
      onSubmit={submit.onSubmit}
      onClose={onClose}
      submitLabel={t("Restore")}
      busy={submit.busy.value}
      disabled={!target.value || !pool.value || !volume.value.trim()}
    >
      <What backup={backup} />
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
        options={poolOptions(pools)}
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
      <ErrorNotice message={submit.failure.value} />
      {job.value && <JobNote job={job.value} />}
    </FormDialog>
  );
}
