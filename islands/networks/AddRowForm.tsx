// The one-line form under a network's table that adds a row to it (a static host, a port
// forward): its inline fields, the primary Add button, and how the last add or remove went.

import type { ComponentChildren } from "preact";
import { Button } from "../../components/kit/Button.tsx";
import { type Outcome, OutcomeNote } from "../../components/kit/use_action.tsx";

interface Props {
  /** The form's accessible name ("Add a static host"). */
  label: string;
  submitLabel: string;
  onSubmit: (e: Event) => void;
  /** Not hydrated yet, or a request is running. */
  busy: boolean;
  outcome: Outcome | null;
  /** The InlineFields, in order. */
  children: ComponentChildren;
}

export function AddRowForm({ label, submitLabel, onSubmit, busy, outcome, children }: Props) {
  return (
    <>
      <form class="row-form add-row needs-admin" onSubmit={onSubmit} aria-label={label}>
        {children}
        <Button type="submit" kind="primary" disabled={busy}>{submitLabel}</Button>
      </form>
      <OutcomeNote outcome={outcome} />
    </>
  );
}
