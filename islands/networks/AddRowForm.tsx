// The one-line form under a network's table that adds a row to it (a static host, a port
// forward): its inline fields, the primary Add button that runs the add through the panel's
// action, and how the last add or remove went.

import type { ComponentChildren } from "preact";
import { Button } from "../../components/kit/Button.tsx";
import { type Action, OutcomeNote } from "../../components/kit/use_action.tsx";

interface Props {
  /** The form's accessible name ("Add a static host"). */
  label: string;
  submitLabel: string;
  /** The panel's action, which its removes run through too: the note says how the last went. */
  action: Action;
  /** The add; what it answers is the note's words. */
  run: () => Promise<ComponentChildren>;
  /** Not hydrated yet, or a request is running. */
  busy: boolean;
  /** The InlineFields, in order. */
  children: ComponentChildren;
}

export function AddRowForm({ label, submitLabel, action, run, busy, children }: Props) {
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(run);
  };
  return (
    <>
      <form class="row-form add-row needs-admin" onSubmit={submit} aria-label={label}>
        {children}
        <Button type="submit" kind="primary" disabled={busy}>{submitLabel}</Button>
      </form>
      <OutcomeNote outcome={action.outcome.value} />
    </>
  );
}
