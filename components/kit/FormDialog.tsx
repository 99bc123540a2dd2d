// A dialog that is one form: its title names it, the fields its owner gives, then Close (or
// Cancel) and the submit button, busy while the request runs. Restore, clone, migrate and delete
// a pool ask this way.

import type { ComponentChildren, RefObject } from "preact";
import { Button } from "./Button.tsx";
import { t } from "../../shared/i18n/t.ts";

export interface FormDialogProps {
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** The title's id is `${id}-title`. */
  id: string;
  title: ComponentChildren;
  onSubmit: (e: Event) => void;
  onClose?: () => void;
  submitLabel: ComponentChildren;
  busy: boolean;
  /** Disabled for another reason than being busy (nothing valid to send yet). */
  disabled?: boolean;
  /** "danger" where the submit destroys. */
  kind?: "primary" | "danger";
  closeLabel?: string;
  children: ComponentChildren;
}

export function FormDialog(
  { dialogRef, id, title, onSubmit, onClose, submitLabel, busy, disabled, ...rest }:
    FormDialogProps,
) {
  return (
    <dialog ref={dialogRef} class="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={onSubmit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {rest.children}
        <div class="dialog-buttons">
          <Button onClick={() => dialogRef.current?.close()}>
            {rest.closeLabel ?? t("Close")}
          </Button>
          <Button
            type="submit"
            kind={rest.kind ?? "primary"}
            disabled={busy || disabled}
            busy={busy}
          >
            {submitLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
