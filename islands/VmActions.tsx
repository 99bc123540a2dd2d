// Details page header: VM name, live state badge and the lifecycle buttons with confirmations.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { VmAction, VmState } from "../shared/vms.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { StateBadge } from "../components/StateBadge.tsx";
import { ACTION_LABELS, canRun, powerMessage } from "./client/actions.ts";
import { ApiRequestError, deleteVm, errorMessage, getVm, runAction } from "./client/api.ts";
import { subscribeEvents } from "./client/events.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import { powerClass } from "./vms/power.ts";

interface Props {
  id: string;
  name: string;
  state: VmState;
  hasVnc: boolean;
  [key: string]: unknown;
}

const BUTTONS: VmAction[] = ["start", "stop", "force-stop", "pause", "resume", "reboot", "reset"];

export default function VmActions({ id, name, state: initialState, hasVnc }: Props) {
  const state = useSignal(initialState);
  const pending = useSignal<VmAction | "delete" | null>(null);
  const deleteDisks = useSignal(false);
  /** How the last Shut down or Reboot reached the guest. */
  const done = useSignal<string | null>(null);
  const hydrated = useSignal(false);
  const eventCount = useRef(0);
  const forceStopDialog = useRef<HTMLDialogElement>(null);
  const deleteDialog = useRef<HTMLDialogElement>(null);

  const gone = () => location.assign("/vms");

  // Re-reads the VM; a result is dropped if an event (which is newer) arrived meanwhile.
  const refresh = async () => {
    const seen = eventCount.current;
    try {
      const vm = await getVm(id);
      if (seen === eventCount.current) state.value = vm.state;
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) gone();
    }
  };

  useEffect(() => {
    hydrated.value = true;
    return subscribeEvents((e) => {
      if (!("id" in e) || e.id !== id) return;
      eventCount.current++;
      if (e.type === "vm-state-changed") state.value = e.state;
      if (e.type === "vm-deleted" && pending.value !== "delete") gone();
    }, refresh);
  }, [id]);

  const act = async (action: VmAction) => {
    pending.value = action;
    done.value = null;
    try {
      done.value = powerMessage(action, await runAction(id, action));
      await refresh();
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      pending.value = null;
    }
  };

  const remove = async () => {
    pending.value = "delete";
    try {
      await deleteVm(id, deleteDisks.value);
      gone();
    } catch (err) {
      showError(errorMessage(err));
      pending.value = null;
    }
  };

  const busy = !hydrated.value || pending.value !== null;
  const running = state.value === "running";
  // Power and console for whoever may control this VM; deleting it is for admins.
  const power = powerClass(hydrated.value, id);
  return (
    <div class="vm-header">
      <h1>{name}</h1>
      <StateBadge state={state.value} />
      <div class="actions" role="toolbar" aria-label="VM actions">
        {BUTTONS.map((a) => (
          <button
            key={a}
            type="button"
            class={`${a === "force-stop" ? "button button-warning" : "button"} ${power}`}
            disabled={busy || !canRun(a, state.value)}
            aria-busy={pending.value === a}
            onClick={() => a === "force-stop" ? forceStopDialog.current?.showModal() : act(a)}
          >
            {ACTION_LABELS[a]}
          </button>
        ))}
        {hasVnc && running
          ? (
            <a class={`button ${power}`} href={`/vms/${encodeURIComponent(id)}/console`}>
              Console
            </a>
          )
          : (
            <button
              type="button"
              class={`button ${power}`}
              disabled
              title={hasVnc ? "Start the VM to use the console" : "No VNC display configured"}
            >
              Console
            </button>
          )}
        <button
          type="button"
          class="button button-danger needs-admin"
          disabled={busy}
          aria-busy={pending.value === "delete"}
          onClick={() => deleteDialog.current?.showModal()}
        >
          Delete
        </button>
      </div>
      {done.value && <p class="note note-success vm-header-note" role="status">{done.value}</p>}
      <ConfirmDialog
        dialogRef={forceStopDialog}
        title="Force stop"
        confirmLabel="Force stop"
        onConfirm={() => act("force-stop")}
      >
        <p>
          Force stop{" "}
          <strong>{name}</strong>? This is like pulling the power plug: the guest gets no chance to
          shut down and unsaved data is lost.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        dialogRef={deleteDialog}
        title="Delete VM"
        confirmLabel="Delete"
        onConfirm={remove}
      >
        <p>
          Delete{" "}
          <strong>{name}</strong>? Its definition is removed from libvirt; this cannot be undone.
        </p>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={deleteDisks.value}
            onChange={(e) => deleteDisks.value = e.currentTarget.checked}
          />
          Also delete disk images (storage volumes)
        </label>
      </ConfirmDialog>
      <ToastList />
    </div>
  );
}
