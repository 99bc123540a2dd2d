// A backup table with its actions: restore (dialog), delete (confirmation), cancel; failures
// shown in the API's words.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Backup } from "../../shared/backups.ts";
import type { PoolSummary } from "../../shared/storage.ts";
import { ConfirmDialog } from "../../components/kit/Dialog.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { cancelBackup, deleteBackup, listPools } from "./api.ts";
import { BackupTable } from "./BackupTable.tsx";
import { formatTime } from "./format.ts";
import { RestoreDialog } from "./RestoreDialog.tsx";
import { t } from "../../shared/i18n/t.ts";
import { NamedSentence } from "../../components/kit/NamedSentence.tsx";

interface Props {
  backups: Backup[] | null;
  all: Backup[];
  empty: string;
  busy: boolean;
  onChanged: () => void;
}

export function BackupPanel({ backups, all, empty, busy, onChanged }: Props) {
  const outcome = useSignal<string | null>(null);
  const { busy: pending, error: failure, run: request } = useBusyCall();
  const doomed = useSignal<Backup | null>(null);
  const restoring = useSignal<Backup | null>(null);
  const pools = useSignal<PoolSummary[]>([]);
  const deleteDialog = useRef<HTMLDialogElement>(null);
  const restoreDialog = useRef<HTMLDialogElement>(null);

  // A new restore mounts a fresh dialog (name field reset); open it once it is there.
  useEffect(() => {
    if (restoring.value && !restoreDialog.current?.open) restoreDialog.current?.showModal();
  }, [restoring.value?.id]);

  const act = async (run: () => Promise<string>) => {
    outcome.value = null;
    await request(async () => {
      outcome.value = await run();
    });
    onChanged();
  };
  const remove = (b: Backup) =>
    act(async () => {
      await deleteBackup(b.id);
      return t("Deleted the backup of {{vm}} from {{time}}.", {
        vm: b.vmName,
        time: formatTime(b.startedAt),
      });
    });
  const cancel = (b: Backup) =>
    act(async () => {
      const ended = await cancelBackup(b.id);
      switch (ended.status) {
        case "cancelled":
          return t("Backup cancelled.");
        case "succeeded":
          return t("The backup succeeded before it could be cancelled.");
        case "failed":
          return t("The backup failed before it could be cancelled.");
        case "interrupted":
          return t("The backup interrupted before it could be cancelled.");
        default:
          return t("The backup {{status}} before it could be cancelled.", {
            status: ended.status,
          });
      }
    });
  const openRestore = async (b: Backup) => {
    pools.value = await listPools().catch(() => []);
    restoring.value = b;
  };

  const gone = doomed.value;
  const r = restoring.value;
  return (
    <>
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      {outcome.value && <p class="notice notice-info" role="status">{outcome.value}</p>}
      <BackupTable
        backups={backups}
        all={all}
        busy={busy || pending.value}
        empty={empty}
        onRestore={openRestore}
        onDelete={(b) => {
          doomed.value = b;
          deleteDialog.current?.showModal();
        }}
        onCancel={cancel}
      />
      {r && (
        <RestoreDialog
          key={r.id}
          dialogRef={restoreDialog}
          backup={r}
          pools={pools.value}
          onRestored={onChanged}
          onClose={() => restoring.value = null}
        />
      )}
      <ConfirmDialog
        dialogRef={deleteDialog}
        title={t("Delete backup")}
        confirmLabel={t("Delete")}
        onConfirm={() => gone && remove(gone)}
      >
        <NamedSentence
          text={t(
            "Delete the backup of {{vm}} from {{time}}? Its volumes are deleted. A later incremental backup built on it is first made a full one, so it stays restorable.",
            { vm: "{{vm}}", time: formatTime(gone?.startedAt ?? null) },
          )}
          names={{ vm: gone?.vmName }}
        />
      </ConfirmDialog>
    </>
  );
}
