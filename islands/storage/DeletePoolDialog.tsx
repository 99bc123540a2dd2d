// Confirms a pool delete; deleting its volumes too needs the pool's name typed in.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { PoolInfo } from "../../shared/storage.ts";
import { errorMessage } from "../client/api.ts";
import { deletePool } from "./api.ts";
import { Checkbox } from "../../components/kit/controls.tsx";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { Notice } from "../../components/kit/Notice.tsx";

interface Props {
  /** The pool to delete: the dialog opens, reset, whenever this becomes a (new) pool. */
  pool: PoolInfo | null;
  onClose: () => void;
  onDeleted: (pool: PoolInfo, deletedVolumes: string[]) => void;
}

export function DeletePoolDialog({ pool, onClose, onDeleted }: Props) {
  const withVolumes = useSignal(false);
  const typed = useSignal("");
  const busy = useSignal(false);
  const failure = useSignal<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!pool) return;
    withVolumes.value = false;
    typed.value = "";
    failure.value = null;
    dialogRef.current?.showModal();
  }, [pool]);

  const confirmed = !withVolumes.value || typed.value === pool?.name;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!pool || !confirmed) return;
    busy.value = true;
    failure.value = null;
    try {
      const { deletedVolumes } = await deletePool(pool.name, withVolumes.value, typed.value);
      dialogRef.current?.close();
      onDeleted(pool, deletedVolumes);
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };

  const count = pool?.volumeCount;
  return (
    <FormDialog
      dialogRef={dialogRef}
      id="delete-pool"
      title="Delete pool"
      onSubmit={submit}
      onClose={onClose}
      submitLabel="Delete pool"
      busy={busy.value}
      disabled={!confirmed}
      kind="danger"
      closeLabel="Cancel"
    >
      <p>
        Delete the pool{" "}
        <strong>{pool?.name}</strong>? Its definition is removed from libvirt; VMs whose disks are
        in it keep pointing at the files.
      </p>
      <Checkbox
        label={`Also delete all volumes${count != null ? ` (${count})` : ""} — their data is lost`}
        checked={withVolumes.value}
        onChecked={(on) => withVolumes.value = on}
      />
      {withVolumes.value && (
        <div class="form-field">
          <label for="delete-pool-confirm">
            Type <strong>{pool?.name}</strong> to confirm
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
      <Notice tone="error" kind="note">{failure.value}</Notice>
    </FormDialog>
  );
}
