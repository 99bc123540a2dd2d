// What the VM table reads back when it comes alive: the columns this browser chose (or the
// defaults: all but the few off by default, fewer at 1280 and 1024 px, and on a narrow screen
// name, state and actions)
// and the sort in the page's URL.

import { type Column, hiddenByWidth } from "../../components/kit/table/DataTable.tsx";
import { sortFromQuery, type SortState } from "../../components/kit/table/sort.ts";
import { store, stored } from "../../components/client/stored.ts";
import { OFF_BY_DEFAULT } from "./columns.tsx";

// Each version came with columns off by default, which a choice saved before them would show:
// v2 the OS and Autostart columns, v3 Uptime.
const COLUMNS_KEY = "kvmm.vm-table.hidden.v3";

/** The ids of the columns to hide: as chosen in this browser, else the screen's defaults. */
export function chosenColumns<T>(columns: readonly Column<T>[]): Set<string> {
  const saved = stored(COLUMNS_KEY);
  if (saved) {
    try {
      const ids = JSON.parse(saved);
      if (Array.isArray(ids)) return new Set(ids.filter((id) => typeof id === "string"));
    } catch { /* a damaged entry: the defaults */ }
  }
  return new Set([...OFF_BY_DEFAULT, ...hiddenByWidth(columns)]);
}

export function rememberColumns(hidden: ReadonlySet<string>): void {
  store(COLUMNS_KEY, JSON.stringify([...hidden]));
}

/** `?sort=&dir=` of the page, when it names a sortable column. */
export function sortInUrl<T>(columns: readonly Column<T>[]): SortState | null {
  const sortable = columns.filter((c) => c.sortValue).map((c) => c.id);
  return sortFromQuery(new URLSearchParams(location.search), sortable);
}
