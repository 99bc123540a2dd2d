// A form's submit button outside a FormButtons row (beside a select, after other buttons):
// primary, spinning and disabled while its request runs, disabled too for the form's own reason.

import type { ComponentChildren } from "preact";
import { Button } from "./Button.tsx";

interface Props {
  busy: boolean;
  /** Disabled for another reason than being busy (nothing to send yet). */
  disabled?: boolean;
  children: ComponentChildren;
}

export function SubmitButton({ busy, disabled = false, children }: Props) {
  return (
    <Button type="submit" kind="primary" disabled={busy || disabled} busy={busy}>
      {children}
    </Button>
  );
}
