// A table's row actions: small buttons named with the row they act on ("Delete web"), and the
// actions column that holds them (header for screen readers only, buttons at the right), or that
// header alone for a table written by hand.

import type { ComponentChildren } from "preact";
import { Button, type ButtonKind } from "./Button.tsx";
import type { Column } from "./table/mod.ts";
import { t } from "../../shared/i18n/t.ts";

interface RowButtonProps {
  /** The visible word: "Edit", "Delete". */
  action: string;
  /** The row's name, for the accessible name "Edit web". */
  name: string;
  /** The whole accessible name when "<action> <name>" does not say it ("Remove the role of x"). */
  label?: string;
  onClick: () => void;
  kind?: ButtonKind;
  disabled?: boolean;
  busy?: boolean;
  title?: string;
  class?: string;
  /** For a button that opens a form under its row. */
  "aria-expanded"?: boolean;
}

export function RowButton({ action, name, label, ...rest }: RowButtonProps) {
  return (
    <Button small aria-label={label ?? t("{{action}} {{name}}", { action, name })} {...rest}>
      {action}
    </Button>
  );
}

/** The actions column; `extra` classes go on its header and cells (e.g. "needs-admin"). */
export function actionsColumn<T>(
  cell: (row: T) => ComponentChildren,
  extra = "",
): Column<T> {
  return {
    id: "actions",
    header: t("Actions"),
    headerHidden: true,
    class: `row-actions ${extra}`.trim(),
    cell,
  };
}

/** The actions column's header in a table written by hand (rows with forms under them). */
export function ActionsHeader({ class: cls }: { class: string }) {
  return (
    <th scope="col" class={cls}>
      <span class="sr-only">{t("Actions")}</span>
    </th>
  );
}
