// The row of buttons under a form: the submit button (primary, busy while saving), Cancel when
// the form can be closed, and whatever else the form adds after them.

import type { ComponentChildren } from "preact";
import { Button } from "./Button.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  submit: ComponentChildren;
  busy?: boolean;
  /** Disabled for another reason than being busy (not hydrated yet, nothing to save). */
  disabled?: boolean;
  onCancel?: () => void;
  cancelLabel?: string;
  /** "danger" for a form whose submit destroys (restore over a disk). */
  kind?: "primary" | "danger";
  /** Extra classes of the submit button ("needs-admin" where only admins may save). */
  submitClass?: string;
  children?: ComponentChildren;
}

export function FormButtons(
  {
    submit,
    busy = false,
    disabled = false,
    onCancel,
    cancelLabel,
    kind = "primary",
    submitClass,
    children,
  }: Props,
) {
  return (
    <div class="form-buttons">
      <Button
        type="submit"
        kind={kind}
        class={submitClass}
        disabled={busy || disabled}
        busy={busy}
      >
        {submit}
      </Button>
      {onCancel && <Button onClick={onCancel}>{cancelLabel ?? t("Cancel")}</Button>}
      {children}
    </div>
  );
}
