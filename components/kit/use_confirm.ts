// What a confirmation is about: `ask(thing)` remembers it and opens the dialog, the dialog's
// words and action read `subject`. One per table with a destructive row action.

import type { RefObject } from "preact";
import { type Signal, useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";

export interface Confirm<T> {
  dialogRef: RefObject<HTMLDialogElement | null>;
  subject: Signal<T | null>;
  ask(thing: T): void;
  /** Runs `fn` on the subject asked about, if there still is one. */
  then(fn: (thing: T) => void): () => void;
}

export function useConfirm<T>(): Confirm<T> {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const subject = useSignal<T | null>(null);
  return {
    dialogRef,
    subject,
    ask(thing) {
      subject.value = thing;
      dialogRef.current?.showModal();
    },
    then: (fn) => () => {
      if (subject.value !== null) fn(subject.value);
    },
  };
}
