// A table's actions column given as a list of its buttons, so a table says which actions a row
// has (and when) instead of spelling out each RowButton: every button named with its row, all
// disabled while the table is busy. actionList makes that column, loadedRows a table's rows
// and what it says while they load or when there are none.

import type { ComponentChildren } from "preact";
import type { ButtonKind } from "./Button.tsx";
import { actionsColumn, RowButton } from "./row_actions.tsx";
import type { Column } from "./table/mod.ts";

export interface RowAction<T> {
  /** The visible word: "Edit", "Delete". */
  action: string;
  run: (row: T) => void;
  kind?: ButtonKind;
  /** The whole accessible name when "<action> <name>" does not say it ("Revert to x"). */
  label?: (row: T) => string;
  /** Only rows this holds for have the button (a live token's Revoke). */
  when?: (row: T) => boolean;
  /** Extra classes of the button ("needs-admin"). */
  class?: string;
}

interface ListOptions<T> {
  /** The row's name in each button's accessible name ("Delete web"). */
  name: (row: T) => string;
  /** A request runs: every button is disabled. */
  busy: boolean;
  /** Buttons before the listed ones, for what is not a plain button (a link, a toggle). */
  before?: (row: T) => ComponentChildren;
  /** Extra classes of the column's header and cells ("needs-admin"). */
  class?: string;
}

export function actionList<T>(
  { name, busy, before, class: extra }: ListOptions<T>,
  actions: readonly RowAction<T>[],
): Column<T> {
  return actionsColumn((row) => (
    <>
      {before?.(row)}
      {actions.filter((a) => a.when?.(row) ?? true).map((a) => (
        <RowButton
          key={a.action}
          action={a.action}
          name={name(row)}
          label={a.label?.(row)}
          kind={a.kind}
          class={a.class}
          disabled={busy}
          onClick={() => a.run(row)}
        />
      ))}
    </>
  ), extra);
}

/** A DataTable's rows and empty words for a list that is null while it loads. */
export function loadedRows<T>(
  rows: readonly T[] | null,
  loading: string,
  none: ComponentChildren,
): { rows: readonly T[]; empty: ComponentChildren } {
  return { rows: rows ?? [], empty: rows === null ? loading : none };
}
