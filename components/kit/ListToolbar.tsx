// The bar above a list page's table: the primary "New …" button that opens and closes its form
// (admins only), any second way to create beside it, and how many there are, read out when it
// changes; NewButton is that button alone.

import type { ComponentChildren } from "preact";
import { Button } from "./Button.tsx";

interface Props {
  newLabel: string;
  /** Whether the New form is open, where the button also closes it. */
  open?: boolean;
  onToggle: () => void;
  disabled: boolean;
  /** "3 pools", or "Loading…". */
  count: ComponentChildren;
  /** Other ways to create, after the New button (Import, Template from a VM). */
  children?: ComponentChildren;
}

export function ListToolbar({ newLabel, open, onToggle, disabled, count, children }: Props) {
  return (
    <div class="toolbar">
      <NewButton label={newLabel} disabled={disabled} expanded={open} onClick={onToggle} />
      {children}
      <span class="muted" aria-live="polite">{count}</span>
    </div>
  );
}

interface NewButtonProps {
  label: string;
  disabled: boolean;
  onClick: () => void;
  /** Whether the form it opens is open, where the button also closes it. */
  expanded?: boolean;
  /** "default" for a second way to create (Import, Template from a VM). */
  kind?: "primary" | "default";
}

/** The "New …" button of a list or card: admins only, disabled until hydrated. */
export function NewButton(
  { label, disabled, onClick, expanded, kind = "primary" }: NewButtonProps,
) {
  return (
    <Button
      kind={kind}
      class="needs-admin"
      disabled={disabled}
      aria-expanded={expanded}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}
