// The bar above a list page's table: the primary "New …" button that opens and closes its form
// (admins only), and how many there are, read out when it changes.

import type { ComponentChildren } from "preact";
import { Button } from "./Button.tsx";

interface Props {
  newLabel: string;
  open: boolean;
  onToggle: () => void;
  disabled: boolean;
  /** "3 pools", or "Loading…". */
  count: ComponentChildren;
}

export function ListToolbar({ newLabel, open, onToggle, disabled, count }: Props) {
  return (
    <div class="toolbar">
      <Button
        kind="primary"
        class="needs-admin"
        disabled={disabled}
        aria-expanded={open}
        onClick={onToggle}
      >
        {newLabel}
      </Button>
      <span class="muted" aria-live="polite">{count}</span>
    </div>
  );
}
