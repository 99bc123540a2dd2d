// A form's state, the same in every form: its draft (a plain object changed a few fields at a
// time), its first field focused when it opens, and its submit (busy while the request runs,
// the API's words as its failure).

import { type Signal, useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { RefObject } from "preact";
import { useRequest } from "./use_request.ts";

/** The keys of T whose values are strings (or string unions: a select's choice). */
type TextKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];
type FlagKey<T> = { [K in keyof T]: T[K] extends boolean ? K : never }[keyof T];

export interface Draft<T> {
  value: T;
  set(change: Partial<T>): void;
  /** The value and change callback of a TextField, TextAreaField or SelectField for `key`. */
  text<K extends TextKey<T>>(key: K): { value: string; onValue: (value: string) => void };
  /** The same for a Checkbox. */
  flag<K extends FlagKey<T>>(key: K): { checked: boolean; onChecked: (on: boolean) => void };
}

export function useDraft<T>(initial: T): Draft<T> {
  const draft = useSignal<T>(initial);
  const parts = heldDraft(draft.value, (change) => draft.value = { ...draft.value, ...change });
  return {
    ...parts,
    get value() {
      return draft.value;
    },
  };
}

/** The same spreads for a draft its parent holds: a part of a form given `value` and `set`. */
export function heldDraft<T>(value: T, set: (change: Partial<T>) => void): Draft<T> {
  return {
    value,
    set,
    text: (key) => ({
      value: value[key] as string,
      onValue: (text) => set({ [key]: text } as Partial<T>),
    }),
    flag: (key) => ({
      checked: value[key] as boolean,
      onChecked: (on) => set({ [key]: on } as Partial<T>),
    }),
  };
}

/** The ref for the field to focus when the form opens. */
export function useFocusFirst<E extends HTMLElement = HTMLInputElement>(): RefObject<E | null> {
  const first = useRef<E>(null);
  // Before the browser paints: a later focus could move typing already begun in another field.
  useLayoutEffect(() => first.current?.focus(), []);
  return first;
}

export interface Submit {
  busy: Signal<boolean>;
  failure: Signal<string | null>;
  onSubmit(e: Event): Promise<void>;
}

/** Runs `save` on submit; a failure stays shown until the next try. */
export function useSubmit(save: () => Promise<unknown>): Submit {
  const request = useRequest();
  return {
    busy: request.busy,
    failure: request.error,
    async onSubmit(e) {
      e.preventDefault();
      await request.run(save);
    },
  };
}
