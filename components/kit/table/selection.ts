// Selection for the kit's data table, with visible-only semantics: what counts as selected is
// always the selected rows that are shown, so a count, a confirmation and the action it asks
// for name the same rows. Whatever hides a row (a filter, or a state change under a state filter)
// should also drop it from the selection (keepShown), so showing it again does not bring back a
// tick nobody could see.

import { t } from "../../../shared/i18n/t.ts";

/** The shown rows whose key is in `selected`, in the order shown. */
export function selectedShown<T>(
  selected: ReadonlySet<string>,
  shown: readonly T[],
  keyOf: (row: T) => string,
): T[] {
  if (selected.size === 0) return [];
  return shown.filter((row) => selected.has(keyOf(row)));
}

/**
 * `selected` without the keys of rows that are not shown; `selected` itself when every key is
 * shown, so a table can run this after each change of its rows and set only what differs.
 */
export function keepShown<T>(
  selected: ReadonlySet<string>,
  shown: readonly T[],
  keyOf: (row: T) => string,
): ReadonlySet<string> {
  const kept = selectedShown(selected, shown, keyOf);
  return kept.length === selected.size ? selected : new Set(kept.map(keyOf));
}

/** The selection after the header checkbox: every shown row, or none (hidden ones drop too). */
export function selectAllShown<T>(
  on: boolean,
  shown: readonly T[],
  keyOf: (row: T) => string,
): Set<string> {
  return on ? new Set(shown.map(keyOf)) : new Set();
}

/** `selected` with `key` ticked or not. */
export function toggleKey(selected: ReadonlySet<string>, key: string, on: boolean): Set<string> {
  const next = new Set(selected);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}

/**
 * Names for a confirmation: all of them when few, else the first `max` and how many more
 * ("a, b, c and 4 more").
 */
export function nameList(names: readonly string[], max = 5): string {
  if (names.length <= max) {
    if (names.length <= 1) return names.join("");
    return t("{{names}} and {{last}}", {
      names: names.slice(0, -1).join(", "),
      last: names[names.length - 1],
    });
  }
  return t("{{names}} and {{count}} more", {
    names: names.slice(0, max).join(", "),
    count: names.length - max,
  });
}
