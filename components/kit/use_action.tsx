// One request's state for a form or button: busy while it runs, then a success note or the API's
// error verbatim (useAction), the note that shows it (OutcomeNote), and a settings form's Save
// button with that note under it (SaveButtons).

import type { ComponentChildren } from "preact";
import { type Signal, useSignal } from "@preact/signals";
import { useRequest } from "./use_request.ts";
import { FormButtons } from "./FormButtons.tsx";
import { t } from "../../shared/i18n/t.ts";

export interface Outcome {
  ok: boolean;
  message: ComponentChildren;
}

export interface Action {
  busy: Signal<boolean>;
  outcome: Signal<Outcome | null>;
  /** Runs `fn`; what it returns becomes the success note, what it throws the error note. */
  run(fn: () => Promise<ComponentChildren>): Promise<void>;
}

export function useAction(): Action {
  const request = useRequest();
  const outcome = useSignal<Outcome | null>(null);
  const run = async (fn: () => Promise<ComponentChildren>) => {
    outcome.value = null;
    const message = await request.run(fn);
    const failure = request.error.value;
    outcome.value = failure === null ? { ok: true, message } : { ok: false, message: failure };
  };
  return { busy: request.busy, outcome, run };
}

/** A list of lines ("Memory: applies at next boot") as the note's content. */
export function Lines({ lines }: { lines: string[] }) {
  return lines.length === 1 ? <>{lines[0]}</> : (
    <ul class="note-lines">
      {lines.map((l) => <li key={l}>{l}</li>)}
    </ul>
  );
}

/** The last outcome; a success with nothing to say (null) shows nothing. */
export function OutcomeNote({ outcome }: { outcome: Outcome | null }) {
  if (!outcome || outcome.message == null) return null;
  return outcome.ok
    ? <div class="note note-success" role="status">{outcome.message}</div>
    : <div class="note note-error" role="alert">{outcome.message}</div>;
}

interface SaveProps {
  action: Action;
  label?: ComponentChildren;
  /** Disabled for another reason than running (not hydrated, nothing valid to save). */
  disabled?: boolean;
  /** Only admins may save (the button is hidden from the others). */
  adminOnly?: boolean;
  children?: ComponentChildren;
}

/** The submit button of a form saved through useAction, and the outcome under it. */
export function SaveButtons({ action, label, disabled, adminOnly, children }: SaveProps) {
  return (
    <>
      <FormButtons
        submit={label ?? t("Save")}
        busy={action.busy.value}
        disabled={disabled}
        submitClass={adminOnly ? "needs-admin" : undefined}
      >
        {children}
      </FormButtons>
      <OutcomeNote outcome={action.outcome.value} />
    </>
  );
}
