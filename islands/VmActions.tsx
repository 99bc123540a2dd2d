// A VM's header on every tab: name, live state badge, the one power button its state calls for,
// a More menu with the rarer actions (Reset and Force stop asked first, naming the VM), the
// Console tab's button, and Delete apart at the far end with its own confirmation.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { PendingChange, VmAction, VmState } from "../shared/vms.ts";
import { ConfirmDialog } from "../components/kit/Dialog.tsx";
import { MenuButton } from "../components/kit/MenuButton.tsx";
import { StateBadge } from "../components/kit/Badge.tsx";
import { actionLabel, canRun, powerMessage } from "../components/client/actions.ts";
import {
  ApiRequestError,
  deleteVm,
  errorMessage,
  getDeletePlan,
  getVm,
  runAction,
} from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { showError } from "../components/client/toasts.tsx";
import { CONFIRMED, MENU_ACTIONS, primaryAction } from "./vm/power_menu.ts";
import { powerClass } from "./vms/power.ts";
import { NamedSentence } from "../components/kit/NamedSentence.tsx";
import { t } from "../shared/i18n/t.ts";
import type { DeletePlan } from "../shared/vm_delete.ts";
import { ownVolumes } from "../shared/vm_delete.ts";
import { DeleteVolumes } from "./vm/DeleteVolumes.tsx";
import { ProtectedNotice, protectedWords } from "./vm/ProtectedNotice.tsx";
import { PendingHeader } from "./vm/PendingHeader.tsx";
import { StateReason } from "../components/vm/StateReason.tsx";
import { VmTrouble } from "./vm/VmTrouble.tsx";
import { VmFailureNote } from "./tasks/VmFailureMark.tsx";

interface Props {
  id: string;
  name: string;
  state: VmState;
  /** Why it is in that state (VmSummary.stateReason), when there is a reason worth telling. */
  reason?: string;
  /** Without VNC the Console button opens the serial console. */
  hasVnc: boolean;
  /** Changes waiting for the next boot (islands/vm/PendingHeader.tsx). */
  pending?: PendingChange[];
  [key: string]: unknown;
}

export default function VmActions(
  { id, name, state: initialState, reason, hasVnc, pending: waiting }: Props,
) {
  const state = useSignal(initialState);
  const stateReason = useSignal(reason);
  const pending = useSignal<VmAction | "delete" | null>(null);
  /** The action its dialog asks about. */
  const asking = useSignal<VmAction | null>(null);
  /** The delete dialog's disks (null while they load) and the paths ticked. */
  const plan = useSignal<DeletePlan | null>(null);
  const planError = useSignal<string | null>(null);
  const chosen = useSignal<string[]>([]);
  /** How the last Shut down or Reboot reached the guest. */
  const done = useSignal<string | null>(null);
  const hydrated = useSignal(false);
  const eventCount = useRef(0);
  const confirmDialog = useRef<HTMLDialogElement>(null);
  const deleteDialog = useRef<HTMLDialogElement>(null);

  const gone = () => location.assign("/vms");

  // Re-reads the VM; a result is dropped if an event (which is newer) arrived meanwhile.
  const refresh = async () => {
    const seen = eventCount.current;
    try {
      const vm = await getVm(id);
      if (seen === eventCount.current) {
        [state.value, stateReason.value] = [vm.state, vm.stateReason];
      }
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) gone();
    }
  };

  useEffect(() => {
    hydrated.value = true;
    return subscribeEvents((e) => {
      if (!("id" in e) || e.id !== id) return;
      eventCount.current++;
      if (e.type === "vm-state-changed") {
        [state.value, stateReason.value] = [e.state, e.stateReason];
      }
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

  // Reset and Force stop ask first; the rest run at once.
  const request = (action: VmAction) => {
    if (!CONFIRMED[action]) return act(action);
    asking.value = action;
    confirmDialog.current?.showModal();
  };

  const remove = async () => {
    pending.value = "delete";
    try {
      await deleteVm(id, chosen.value);
      gone();
    } catch (err) {
      showError(errorMessage(err));
      pending.value = null;
    }
  };

  // The dialog opens at once; its disks follow, the VM's own ticked.
  const askDelete = async () => {
    plan.value = null;
    planError.value = null;
    chosen.value = [];
    deleteDialog.current?.showModal();
    try {
      const p = await getDeletePlan(id);
      plan.value = p;
      chosen.value = ownVolumes(p);
    } catch (err) {
      planError.value = errorMessage(err);
    }
  };

  const busy = !hydrated.value || pending.value !== null;
  const primary = primaryAction(state.value);
  // Power and console for whoever may control this VM; deleting it is for admins.
  const power = powerClass(hydrated.value, id);
  const consoleHref = `/vms/${encodeURIComponent(id)}/${hasVnc ? "console" : "serial"}`;
  const question = asking.value && CONFIRMED[asking.value];
  return (
    <div class="vm-header">
      <h1>{name}</h1>
      <StateBadge state={state.value} />
      <StateReason state={state.value} reason={stateReason.value} />
      <PendingHeader
        id={id}
        name={name}
        state={state.value}
        initial={waiting ?? []}
        hydrated={hydrated.value}
      />
      <div class="actions" role="toolbar" aria-label={t("VM actions")}>
        <button
          type="button"
          class={`button button-primary ${power}`}
          disabled={busy || !canRun(primary, state.value)}
          aria-busy={pending.value === primary}
          onClick={() => act(primary)}
        >
          {actionLabel(primary)}
        </button>
        <MenuButton
          label={t("More")}
          aria-label={t("More power actions")}
          class={power}
          align="end"
          disabled={busy}
          items={MENU_ACTIONS.map((a) => ({
            label: actionLabel(a),
            disabled: !canRun(a, state.value),
            danger: a in CONFIRMED,
            onSelect: () => request(a),
          }))}
        />
        <a class={`button ${power}`} href={consoleHref}>{t("Console")}</a>
        <button
          type="button"
          class="button button-danger needs-admin actions-apart"
          disabled={busy}
          aria-busy={pending.value === "delete"}
          onClick={askDelete}
        >
          {t("Delete")}
        </button>
      </div>
      {done.value && <p class="note note-success vm-header-note" role="status">{done.value}</p>}
      <VmTrouble id={id} state={state.value} reason={stateReason.value} />
      <VmFailureNote vmId={id} name={name} />
      <ConfirmDialog
        dialogRef={confirmDialog}
        title={question ? t(question.heading, { name }) : t("Confirm")}
        confirmLabel={question ? t(question.title) : t("Confirm")}
        onConfirm={() => asking.value && act(asking.value)}
      >
        {question && (
          <NamedSentence
            text={t(question.question, { name: "{{name}}" })}
            names={{ name }}
            more={t(question.why)}
          />
        )}
      </ConfirmDialog>
      <ConfirmDialog
        dialogRef={deleteDialog}
        title={t("Delete VM")}
        confirmLabel={t("Delete")}
        onConfirm={remove}
        blocked={plan.value?.protected ? protectedWords(name) : undefined}
      >
        {plan.value?.protected && <ProtectedNotice vmId={id} name={name} />}
        <NamedSentence
          text={t(
            "Delete {{name}}? Its definition is removed from libvirt; this cannot be undone.",
            { name: "{{name}}" },
          )}
          names={{ name }}
        />
        <p>{t("Disk images to delete with it:")}</p>
        {plan.value
          ? (
            <DeleteVolumes
              plan={plan.value}
              chosen={chosen.value}
              onChosen={(paths) => chosen.value = paths}
            />
          )
          : planError.value
          ? <p class="notice notice-error" role="alert">{planError.value}</p>
          : <p class="muted" aria-busy="true">{t("Loading disks…")}</p>}
      </ConfirmDialog>
    </div>
  );
}
