// Sorting for the kit's data table: which column and which way, read from and written to a URL's
// query, and a stable sort by a column's sort value.

/** A table's sort: a column id and a direction. */
export interface SortState {
  column: string;
  dir: "asc" | "desc";
}

/** A value a column sorts by; null and undefined (unknown) go last whatever the direction. */
export type SortValue = string | number | boolean | null | undefined;

// Code-point order for strings: a collator costs a millisecond per thousand rows, and names are
// mostly ASCII. Case is ignored so "Web" and "web" sit together.
function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `rows` ordered by `valueOf`, stable (rows with equal values keep their order), rows whose
 * value is unknown last in both directions. Returns a new array.
 */
export function sortRows<T>(
  rows: readonly T[],
  valueOf: (row: T) => SortValue,
  dir: SortState["dir"],
): T[] {
  const sign = dir === "asc" ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, value: valueOf(row) }));
  keyed.sort((a, b) => {
    const aUnknown = a.value == null;
    const bUnknown = b.value == null;
    if (aUnknown || bUnknown) {
      return aUnknown === bUnknown ? a.index - b.index : aUnknown ? 1 : -1;
    }
    return sign * compareValues(a.value, b.value) || a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

/** The sort after a click on `column`'s header: ascending first, then the other way. */
export function nextSort(current: SortState | null, column: string): SortState {
  if (current?.column !== column) return { column, dir: "asc" };
  return { column, dir: current.dir === "asc" ? "desc" : "asc" };
}

/** `?sort=…&dir=…` read back; null unless `sort` names one of `columns`. */
export function sortFromQuery(
  params: URLSearchParams,
  columns: readonly string[],
): SortState | null {
  const column = params.get("sort");
  if (!column || !columns.includes(column)) return null;
  return { column, dir: params.get("dir") === "desc" ? "desc" : "asc" };
}

/** Writes `sort` into `params` (or removes it when it is the default). */
export function sortToQuery(params: URLSearchParams, sort: SortState | null, fallback?: string) {
  if (!sort || (sort.column === fallback && sort.dir === "asc")) {
    params.delete("sort");
    params.delete("dir");
    return;
  }
  params.set("sort", sort.column);
  params.set("dir", sort.dir);
}

/** The aria-sort of a column header. */
export function ariaSort(sort: SortState | null, column: string) {
  if (sort?.column !== column) return "none" as const;
  return sort.dir === "asc" ? "ascending" as const : "descending" as const;
}
