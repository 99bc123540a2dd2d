// A form that edits a saved item or makes a new one (an alert rule, a notification rule or
// target, a scheduled job): its heading and submit words from editOrNew, and a submit that sends
// the draft to `update` with the item's id, or to `create`, then hands the saved item on. One
// piece, so those forms save, fail and name themselves alike.

import type { ComponentChildren } from "preact";
import { editOrNew, type EditOrNewWords, FormPanel } from "./FormPanel.tsx";
import { useSubmit } from "./use_form.ts";

interface Props<T extends { id: string; name: string }, I> {
  /** The item to edit; none for a new one. */
  editing?: T;
  words: EditOrNewWords;
  /** The submit button's words for a new item ("Create rule"). */
  createLabel: string;
  class: string;
  inCard?: boolean;
  /** The draft as the API takes it, read when the form is submitted. */
  input: () => I;
  create: (input: I) => Promise<T>;
  update: (id: string, input: I) => Promise<T>;
  onSaved: (saved: T) => void;
  onCancel: () => void;
  children: ComponentChildren;
}

export function SavedItemForm<T extends { id: string; name: string }, I>(
  { editing, words, createLabel, input, create, update, onSaved, ...rest }: Props<T, I>,
) {
  const submit = useSubmit(async () => {
    const body = input();
    onSaved(editing ? await update(editing.id, body) : await create(body));
  });
  return (
    <FormPanel
      {...editOrNew(editing, words, createLabel)}
      class={rest.class}
      submit={submit}
      onCancel={rest.onCancel}
      inCard={rest.inCard}
    >
      {rest.children}
    </FormPanel>
  );
}
