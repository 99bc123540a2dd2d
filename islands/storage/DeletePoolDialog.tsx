// Confirms a pool delete; deleting its volumes too needs the pool's name typed in.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { PoolInfo } from "../../shared/storage.ts";
import { errorMessage } from "../client/api.ts";
import { deletePool } from "./api.ts";

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
    <dialog
      ref={dialogRef}
      class="dialog"
      aria-labelledby="delete-pool-title"
      onClose={onClose}
    >
      <form onSubmit={submit}>
        <h2 id="delete-pool-title">Delete pool</h2>
        <p>
          Delete the pool{" "}
          <strong>{pool?.name}</strong>? Its definition is removed from libvirt; VMs whose disks are
          in it keep pointing at the files.
        </p>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={withVolumes.value}
            onChange={(e) => withVolumes.value = e.currentTarget.checked}
          />
          Also delete all volumes{count != null ? ` (${count})` : ""} — their data is lost
        </label>
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
        {failure.value && <div class="note note-error" role="alert">{failure.value}</div>}
        <div class="dialog-buttons">
          <button type="button" class="button" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button
            type="submit"
            class="button button-danger"
            disabled={busy.value || !confirmed}
            aria-busy={busy.value}
          >
            Delete pool
          </button>
        </div>
      </form>
    </dialog>
  );
}
