// The VM header's part about changes waiting for the next boot: the "Changes pending" badge
// (its title lists them) and "Apply (shut down and start)…", which asks first. Follows the VM's
// state events and the Hardware tab's re-reads (currentVm).

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { PendingChange, VmState } from "../../shared/vms.ts";
import { ConfirmDialog } from "../../components/kit/Dialog.tsx";
import { PendingBadge } from "../../components/vm/PendingBadge.tsx";
import { errorMessage, getVm, request } from "../client/api.ts";
import { subscribeEvents } from "../client/events.ts";
import { showError } from "../client/toasts.tsx";
import { currentVm } from "../settings/current_vm.ts";
import { powerClass } from "../vms/power.ts";
import { vmActionPath } from "../../shared/api_paths.ts";
import { pendingLine } from "./pending_words.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  id: string;
  name: string;
  state: VmState;
  /** The changes the page was rendered with. */
  initial: PendingChange[];
  hydrated: boolean;
}

export function PendingHeader({ id, name, state, initial, hydrated }: Props) {
  const fetched = useSignal<PendingChange[] | null>(null);
  const busy = useSignal(false);
  const done = useSignal<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  // A start, stop or shutdown ends or begins what waits: read it again.
  useEffect(() =>
    subscribeEvents((e) => {
      if (e.type !== "vm-state-changed" || e.id !== id) return;
      getVm(id).then((vm) => {
        fetched.value = vm.pending ?? [];
        currentVm.value = vm;
      }, () => {});
    }), [id]);

  const shared = currentVm.value;
  // The newest read wins: the Hardware tab's after a save, else this one's after an event.
  const pending = shared && shared.id === id && shared.pending
    ? shared.pending
    : fetched.value ?? initial;
  if (pending.length === 0 && !done.value) return null;

  const apply = async () => {
    busy.value = true;
    try {
      await request("POST", vmActionPath(id, "apply-pending"));
      done.value = t(
        "Shutting down {{name}}; it starts again with the new settings once it is off (see the task log).",
        { name },
      );
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      busy.value = false;
    }
  };

  return (
    <>
      {pending.length > 0 && <PendingBadge title={pending.map(pendingLine).join("\n")} />}
      {pending.length > 0 && (
        <button
          type="button"
          class={`button ${powerClass(hydrated, id)}`}
          disabled={!hydrated || busy.value || state !== "running"}
          title={state === "running" ? undefined : t("Resume the VM first")}
          aria-busy={busy.value}
          onClick={() => dialog.current?.showModal()}
        >
          {t("Apply (shut down and start)…")}
        </button>
      )}
      {done.value && <p class="note note-success vm-header-note" role="status">{done.value}</p>}
      <ConfirmDialog
        dialogRef={dialog}
        title={t("Apply pending changes")}
        confirmLabel={t("Shut down and start")}
        onConfirm={apply}
      >
        <p>
          {t(
            "{{name}} is asked to shut down (through its guest agent, else the ACPI power button); once it is off it is started again with these settings. A reboot would not apply them: the running QEMU keeps its settings.",
            { name },
          )}
        </p>
        <ul class="pending-list">
          {pending.map((c) => <li key={`${c.field}${c.device ?? ""}`}>{pendingLine(c)}</li>)}
        </ul>
        <p class="muted">
          {t("If the guest does not shut down within 3 minutes it is left running.")}
        </p>
      </ConfirmDialog>
    </>
  );
}
