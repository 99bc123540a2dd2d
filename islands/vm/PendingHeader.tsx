// The VM header's part about changes waiting for the next boot: the "Changes pending" badge
// (its title lists them) and "Apply (shut down and start)…", which asks first. Follows the VM as
// its page re-reads it (follow_vm.ts: state events, the end of any task on it, the Hardware tab's
// saves); the "Shutting down …" note goes when the apply's task ends.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { PendingChange, VmState } from "../../shared/vms.ts";
import { ConfirmDialog } from "../../components/kit/Dialog.tsx";
import { PendingBadge } from "../../components/vm/PendingBadge.tsx";
import { errorMessage, request } from "../../components/client/api.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { showError } from "../../components/client/toasts.tsx";
import { currentVm } from "../settings/current_vm.ts";
import { followVm } from "./follow_vm.ts";
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
  const busy = useSignal(false);
  const done = useSignal<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  /** When this page last saw an apply's task end (it may come before the apply's own answer). */
  const applyEnded = useRef(0);

  // A start, stop or shutdown ends or begins what waits: the page reads the VM again.
  useEffect(() => followVm(id), [id]);
  // The apply's task ended (the VM runs its new settings, or it failed: its toast says why).
  useEffect(() =>
    subscribeEvents((e) => {
      if (
        e.type === "task-changed" && e.task.action === "vm.apply-pending" &&
        e.task.status !== "running" && e.task.target?.id === id
      ) {
        applyEnded.current = Date.now();
        done.value = null;
      }
    }), [id]);

  const shared = currentVm.value;
  const pending = shared && shared.id === id ? shared.pending ?? [] : initial;
  if (pending.length === 0 && !done.value) return null;

  const apply = async () => {
    busy.value = true;
    const sent = Date.now();
    try {
      await request("POST", vmActionPath(id, "apply-pending"));
      if (applyEnded.current >= sent) return; // over already: nothing to wait for
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
