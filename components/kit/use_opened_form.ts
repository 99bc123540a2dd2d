// A form opened above a card's list ("New volume", "New snapshot", "Add an image"): whether it
// shows, and how it closes: by Cancel, or by the thing it made, which the card then says and
// reads its list again for.

import { type Signal, useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import type { Outcome } from "./use_action.tsx";

export interface OpenedForm {
  open: boolean;
  setOpen(open: boolean): void;
  /** Closes the form and reads the list again; `message`, when given, is the card's note. */
  done(message?: ComponentChildren): void;
}

/** The form's state over `shown`, noting in `outcome` and reading again with `reload`. */
export function openedFormOf(
  shown: Signal<boolean>,
  outcome: Signal<Outcome | null>,
  reload: () => unknown,
): OpenedForm {
  return {
    open: shown.value,
    setOpen: (open) => shown.value = open,
    done(message) {
      shown.value = false;
      if (message !== undefined) outcome.value = { ok: true, message };
      reload();
    },
  };
}

export function useOpenedForm(
  outcome: Signal<Outcome | null>,
  reload: () => unknown,
): OpenedForm {
  return openedFormOf(useSignal(false), outcome, reload);
}
