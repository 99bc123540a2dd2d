// The backups in one repository (all, or one VM's): when, which VM, its disks, and Restore as a
// new VM or Restore one disk.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Repository, RepositoryBackup } from "../../shared/restic.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { SelectField } from "../../components/kit/controls.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { errorMessage } from "../../components/client/api.ts";
import { listPools } from "../backups/api.ts";
import { listRepositoryBackups } from "./api.ts";
import { RestoreDiskDialog, RestoreVmDialog } from "./RestoreDialogs.tsx";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  repo: Repository;
  /** Only this VM's backups, without the VM filter (the VM page). */
  vmId?: string;
}

type Opened = { backup: RepositoryBackup; what: "vm" | "disk" } | null;

export function RepositoryBackups({ repo, vmId }: Props) {
  const backups = useSignal<RepositoryBackup[] | null>(null);
  const loadError = useSignal<string | null>(null);
  const vmFilter = useSignal("");
  const pools = useSignal<PoolSummary[]>([]);
  const opened = useSignal<Opened>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    listRepositoryBackups(repo.id, vmId).then((list) => backups.value = list).catch((err) => {
      backups.value = [];
      loadError.value = errorMessage(err);
    });
    listPools().then((list) => pools.value = list).catch(() => {});
  }, [repo.id, vmId]);
  useEffect(() => {
    if (opened.value) dialogRef.current?.showModal();
  }, [opened.value]);

  const all = backups.value;
  const vms = [...new Map((all ?? []).map((b) => [b.vmId, b.vmName])).entries()];
  const shown = all &&
    (vmFilter.value ? all.filter((b) => b.vmId === vmFilter.value) : all).toSorted((a, b) =>
      b.time.localeCompare(a.time)
    );
  const when = (b: RepositoryBackup) => formatDateTime(b.time);
  const columns: Column<RepositoryBackup>[] = [
    { id: "time", header: t("Time"), cell: when },
    ...vmId ? [] : [{ id: "vm", header: t("VM"), cell: (b: RepositoryBackup) => b.vmName }],
    { id: "disks", header: t("Disks"), cell: (b) => b.disks.map((d) => d.target).join(", ") },
    actionList({ name: () => "", busy: false }, [
      {
        action: t("Restore"),
        label: (b) =>
          t("Restore the backup of {{vm}} from {{time}}", { vm: b.vmName, time: when(b) }),
        run: (backup) => opened.value = { backup, what: "vm" },
      },
      {
        action: t("Restore disk"),
        label: (b) =>
          t("Restore a disk of the backup of {{vm}} from {{time}}", {
            vm: b.vmName,
            time: when(b),
          }),
        run: (backup) => opened.value = { backup, what: "disk" },
      },
    ]),
  ];
  const o = opened.value;
  const Restore = o?.what === "disk" ? RestoreDiskDialog : RestoreVmDialog;
  return (
    <div class="repo-backups" data-repo-backups={repo.name}>
      {!vmId && vms.length > 1 && (
        <SelectField
          id={`repo-${repo.id}-vm`}
          label={t("VM")}
          options={[["", t("All VMs")], ...vms.map(([id, name]) => [id, name] as const)]}
          value={vmFilter.value}
          onValue={(v) => vmFilter.value = v}
        />
      )}
      <ErrorNotice message={loadError.value} />
      <DataTable
        label={t("Backups in {{name}}", { name: repo.name })}
        {...loadedRows(shown, t("Loading backups…"), t("No backups in this repository yet."))}
        {...rowsById("data-backup")}
        columns={columns}
      />
      {o && (
        <Restore
          key={`${o.what}-${o.backup.id}`}
          dialogRef={dialogRef}
          repo={repo}
          backup={o.backup}
          pools={pools.value}
          onClose={() => opened.value = null}
        />
      )}
    </div>
  );
}
