// Why a VM is in its state, beside its state badge or icon (the VM list's rows, the VM page's
// header, the resource tree): a short word in the reason's tone, its full words as the title.
// Nothing is drawn when there is no reason worth telling (shared/vm_state_reason.ts).

import type { VmState } from "../../shared/vms.ts";
import { reasonWords } from "../../shared/vm_state_reason.ts";

interface Props {
  state: VmState;
  /** The VM's `stateReason`; a word this build does not know is left out. */
  reason?: string;
}

/** "I/O error" after the "Paused" badge, titled "Paused: I/O error". */
export function StateReason({ state, reason }: Props) {
  const words = reasonWords(state, reason);
  if (!words) return null;
  return (
    <span
      class={`state-reason state-reason-${words.tone}`}
      title={words.full}
      data-state-reason={reason}
    >
      {words.short}
    </span>
  );
}

/**
 * For dense rows (the tree): a small mark in the reason's tone, its full words as the title and
 * for screen readers.
 */
export function StateReasonMark({ state, reason }: Props) {
  const words = reasonWords(state, reason);
  if (!words) return null;
  return (
    <span
      class={`state-reason-mark state-reason-${words.tone}`}
      title={words.full}
      data-state-reason={reason}
    >
      <span aria-hidden="true">{words.tone === "warning" ? "!" : "i"}</span>
      <span class="sr-only">{words.full}</span>
    </span>
  );
}
