// Confirms a pool delete; deleting its volumes too needs the pool's name typed in.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { PoolInfo } from "../../shared/storage.ts";
import { deletePool } from "./api.ts";
import { Checkbox } from "../../components/kit/controls.tsx";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { NamedSentence } from "../../components/kit/NamedSentence.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import { useRequest } from "../../components/kit/use_request.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** The pool to delete: the dialog opens, reset, whenever this becomes a (new) pool. */
  pool: PoolInfo | null;
  onClose: () => void;
  onDeleted: (pool: PoolInfo, deletedVolumes: string[]) => void;
}

export function DeletePoolDialog({ pool, onClose, onDeleted }: Props) {
  const withVolumes = useSignal(false);
  const typed = useSignal("");
  const request = useRequest();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!pool) return;
    withVolumes.value = false;
    typed.value = "";
    request.error.value = null;
    dialogRef.current?.showModal();
  }, [pool]);

  const confirmed = !withVolumes.value || typed.value === pool?.name;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!pool || !confirmed) return;
    await request.run(async () => {
      const { deletedVolumes } = await deletePool(pool.name, withVolumes.value, typed.value);
      dialogRef.current?.close();
      onDeleted(pool, deletedVolumes);
    });
  };

  const count = pool?.volumeCount;
  return (
    <FormDialog
      dialogRef={dialogRef}
      id="delete-pool"
      title={t("Delete pool")}
      onSubmit={submit}
      onClose={onClose}
      submitLabel={t("Delete pool")}
      busy={request.busy.value}
      disabled={!confirmed}
      kind="danger"
      closeLabel={t("Cancel")}
    >
      <NamedSentence
        text={t(
          "Delete the pool {{name}}? Its definition is removed from libvirt; VMs whose disks are in it keep pointing at the files.",
          { name: "{{name}}" },
        )}
        names={{ name: pool?.name }}
      />
      <Checkbox
        label={count != null
          ? t("Also delete all volumes ({{number}}) — their data is lost", { number: count })
          : t("Also delete all volumes — their data is lost")}
        checked={withVolumes.value}
        onChecked={(on) => withVolumes.value = on}
      />
      {withVolumes.value && (
        <div class="form-field">
          <label for="delete-pool-confirm">
            <Trans
              text={t("Type {{name}} to confirm", { name: "{{name}}" })}
              parts={{ name: <strong>{pool?.name}</strong> }}
            />
          </label>
          <input
            id="delete-pool-confirm"
            type="text"
            autocomplete="off"
            value={typed.value}
            aria-invalid={!confirmed}
            onInput={(e) => typed.value = e.currentTarget.value}
          />
        </div>
      )}
      <Notice tone="error" kind="note">{request.error.value}</Notice>
    </FormDialog>
  );
}
