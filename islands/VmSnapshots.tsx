// The snapshots card of /vms/:id: the tree (current marked), a create form, revert and delete
// with confirmation; re-read on "snapshots-changed" events for this VM.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { SnapshotInfo } from "../shared/snapshots.ts";
import type { AppEvent } from "../shared/events.ts";
import type { VmState } from "../shared/vms.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { errorMessage } from "./client/api.ts";
import { subscribeEvents } from "./client/events.ts";
import { deleteSnapshot, listSnapshots, revertSnapshot } from "./snapshots/api.ts";
import { snapshotStateBadge } from "./snapshots/format.ts";
import { SnapshotForm } from "./snapshots/SnapshotForm.tsx";
import { SnapshotTree } from "./snapshots/SnapshotTree.tsx";
import { coalesce } from "./storage/live.ts";

interface Props {
  vmId: string;
  vmName: string;
  state: VmState;
  [key: string]: unknown;
}

export default function VmSnapshots({ vmId, vmName, state: initialState }: Props) {
  const snapshots = useSignal<SnapshotInfo[] | null>(null);
  const state = useSignal(initialState);
  const loadError = useSignal<string | null>(null);
  const failure = useSignal<string | null>(null);
  const outcome = useSignal<string | null>(null);
  const creating = useSignal(false);
  const pending = useSignal(false);
  const hydrated = useSignal(false);
  const target = useSignal<SnapshotInfo | null>(null);
  const withChildren = useSignal(false);
  const revertDialog = useRef<HTMLDialogElement>(null);
  const deleteDialog = useRef<HTMLDialogElement>(null);

  const reload = coalesce(async () => {
    try {
      snapshots.value = (await listSnapshots(vmId)).snapshots;
      loadError.value = null;
    } catch (err) {
      loadError.value = errorMessage(err);
    }
  });

  useEffect(() => {
    hydrated.value = true;
    reload();
    const onEvent = (e: AppEvent) => {
      if (e.type === "snapshots-changed" && e.vmId === vmId) reload();
      else if (e.type === "vm-state-changed" && e.id === vmId) state.value = e.state;
    };
    return subscribeEvents(onEvent, reload);
  }, [vmId]);

  /** Runs one action; its failure is shown in the API's words. */
  const act = async (run: () => Promise<string>) => {
    pending.value = true;
    failure.value = null;
    outcome.value = null;
    try {
      outcome.value = await run();
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      pending.value = false;
      await reload();
    }
  };
  const revert = (s: SnapshotInfo) =>
    act(async () => {
      const after = await revertSnapshot(vmId, s.name);
      state.value = after.state;
      return `Reverted to ${s.name}; the VM is ${after.state}.`;
    });
  const remove = (s: SnapshotInfo, children: boolean) =>
    act(async () => {
      const { deleted } = await deleteSnapshot(vmId, s.name, children);
      return `Deleted ${deleted.join(", ")}.`;
    });

  const t = target.value;
  const busy = !hydrated.value || pending.value;
  return (
    <section class="card" aria-labelledby="snapshots-title">
      <div class="card-head">
        <h2 id="snapshots-title">Snapshots</h2>
        <button
          type="button"
          class="button button-primary needs-admin"
          disabled={busy || creating.value}
          onClick={() => {
            creating.value = true;
            outcome.value = null;
          }}
        >
          New snapshot
        </button>
      </div>
      {creating.value && (
        <SnapshotForm
          vmId={vmId}
          state={state.value}
          onCreated={(s) => {
            creating.value = false;
            outcome.value = `Snapshot ${s.name} taken.`;
            reload();
          }}
          onCancel={() => creating.value = false}
        />
      )}
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      {outcome.value && <p class="notice notice-info" role="status">{outcome.value}</p>}
      <SnapshotTree
        snapshots={snapshots.value}
        busy={busy}
        onRevert={(s) => {
          target.value = s;
          revertDialog.current?.showModal();
        }}
        onDelete={(s) => {
          target.value = s;
          withChildren.value = false;
          deleteDialog.current?.showModal();
        }}
      />
      <ConfirmDialog
        dialogRef={revertDialog}
        title="Revert to snapshot"
        confirmLabel="Revert"
        onConfirm={() => t && revert(t)}
      >
        <p>
          Revert <strong>{vmName}</strong> to <strong>{t?.name}</strong>? Its disks
          {t?.memory ? " and memory" : ""} go back to that point and changes made since are lost.
          {t && ` The VM will be ${snapshotStateBadge(t.state).label.toLowerCase()}.`}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        dialogRef={deleteDialog}
        title="Delete snapshot"
        confirmLabel="Delete"
        onConfirm={() => t && remove(t, withChildren.value)}
      >
        <p>
          Delete snapshot <strong>{t?.name}</strong> of{" "}
          <strong>{vmName}</strong>? The VM itself is not changed.
        </p>
        {t && t.children.length > 0 && (
          <label class="checkbox">
            <input
              type="checkbox"
              checked={withChildren.value}
              onChange={(e) => withChildren.value = e.currentTarget.checked}
            />
            Also delete the snapshots taken after it ({t.children.join(", ")} and below)
          </label>
        )}
      </ConfirmDialog>
    </section>
  );
}
