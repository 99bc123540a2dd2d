// A FormDialog whose submit runs one request through useAction (clone, export, restore, migrate,
// edit a repository): busy while it runs, not sent while the form is not ready, and the request's
// outcome noted under the fields, so those dialogs say only their fields and their request.

import type { ComponentChildren } from "preact";
import { FormDialog, type FormDialogProps } from "./FormDialog.tsx";
import { type Action, OutcomeNote } from "./use_action.tsx";

interface Props extends Omit<FormDialogProps, "onSubmit" | "busy" | "disabled"> {
  action: Action;
  /** False while there is nothing valid to send (a bad name, no host chosen yet). */
  ready?: boolean;
  /** The request; what it answers is the note's words (null: nothing to say). */
  run: () => Promise<ComponentChildren>;
}

export function ActionDialog({ action, ready = true, run, children, ...dialog }: Props) {
  const submit = (e: Event) => {
    e.preventDefault();
    if (!ready) return;
    action.run(run);
  };
  return (
    <FormDialog {...dialog} onSubmit={submit} busy={action.busy.value} disabled={!ready}>
      {children}
      <OutcomeNote outcome={action.outcome.value} />
    </FormDialog>
  );
}
