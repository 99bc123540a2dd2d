// Restore a backup as a new VM: its name and the pool its disks go to, then a link to it.

import type { RefObject } from "preact";
import { useSignal } from "@preact/signals";
import type { Backup } from "../../shared/backups.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import { nameIssue } from "../../shared/vm_config.ts";
import { useAction } from "../settings/Outcome.tsx";
import { restoreBackup } from "./api.ts";
import { formatTime } from "./format.ts";
import { ActionDialog } from "../../components/kit/ActionDialog.tsx";
import { NewVmFields } from "./NewVmFields.tsx";
import { t } from "../../shared/i18n/t.ts";
import { NamedSentence } from "../../components/kit/NamedSentence.tsx";
import { Trans } from "../../components/kit/Trans.tsx";

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  backup: Backup;
  pools: PoolSummary[];
  onRestored: () => void;
  onClose: () => void;
}

export function RestoreDialog({ dialogRef, backup, pools, onRestored, onClose }: Props) {
  const name = useSignal(`${backup.vmName}-restored`);
  const pool = useSignal("");
  const action = useAction();
  const issue = nameIssue(name.value);

  const restore = async () => {
    const made = await restoreBackup(backup.id, {
      name: name.value,
      ...pool.value ? { pool: pool.value } : {},
    });
    onRestored();
    return (
      <Trans
        text={t("Restored as {{vm}}.", { vm: "{{vm}}" })}
        parts={{ vm: <a href={`/vms/${encodeURIComponent(made.id)}`}>{made.name}</a> }}
      />
    );
  };

  return (
    <ActionDialog
      dialogRef={dialogRef}
      id="restore"
      title={t("Restore backup")}
      onClose={onClose}
      submitLabel={t("Restore")}
      action={action}
      ready={issue === null}
      run={restore}
    >
      <NamedSentence
        text={t(
          "The backup of {{vm}} from {{time}} becomes a new, stopped VM with a copy of each disk, a new UUID and new MAC addresses.",
          { vm: "{{vm}}", time: formatTime(backup.startedAt) },
        )}
        names={{ vm: backup.vmName }}
      />
      <NewVmFields
        prefix="restore"
        name={name.value}
        onName={(v) => name.value = v}
        pools={pools}
        serverChoice={["", t("The original disk's pool (else the backup pool)")]}
        pool={pool.value}
        onPool={(v) => pool.value = v}
      />
      {action.busy.value && <p class="form-hint" role="status">{t("Copying the disks…")}</p>}
    </ActionDialog>
  );
}
