// The data table's column chooser: a disclosure ("Columns") with a checkbox per column that
// may be hidden. The caller keeps the choice (and remembers it, e.g. in localStorage).

import type { Column } from "./DataTable.tsx";
import { t } from "../../../shared/i18n/t.ts";

interface Props<T> {
  columns: readonly Column<T>[];
  /** Ids of the columns now hidden. */
  hidden: ReadonlySet<string>;
  onChange: (hidden: Set<string>) => void;
  /** Columns that cannot be hidden (e.g. the name). */
  fixed?: readonly string[];
  disabled?: boolean;
}

export function ColumnChooser<T>({ columns, hidden, onChange, fixed = [], disabled }: Props<T>) {
  const choosable = columns.filter((c) => !fixed.includes(c.id) && !c.headerHidden);
  return (
    <details class="column-chooser">
      <summary class="button button-small">{t("Columns")}</summary>
      <fieldset class="column-chooser-list" disabled={disabled}>
        <legend class="sr-only">{t("Columns to show")}</legend>
        {choosable.map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              checked={!hidden.has(c.id)}
              onChange={(e) => {
                const next = new Set(hidden);
                if (e.currentTarget.checked) next.delete(c.id);
                else next.add(c.id);
                onChange(next);
              }}
            />
            {c.header}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
