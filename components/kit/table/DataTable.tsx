// The kit's data table, for server pages and islands alike: columns that sort (a header button
// with aria-sort; stable, unknown values last), keyed rows, an optional selection with
// visible-only semantics (selection.ts), columns hidden by choice or on small screens, empty
// and loading rows, and virtualised rows for thousands (virtual_rows.ts). It scrolls inside its
// own wrapper, so a wide table never widens the page.
//
//   const columns: Column<Pool>[] = [
//     { id: "name", header: "Name", cell: (p) => <a href={…}>{p.name}</a>, sortValue: (p) => p.name },
//     { id: "size", header: "Size", cell: (p) => formatBytes(p.bytes), sortValue: (p) => p.bytes,
//       numeric: true, hideOnSmall: true },
//     { id: "actions", header: "Actions", headerHidden: true, cell: (p) => <DeleteButton … /> },
//   ];
//   <DataTable label="Storage pools" rows={pools} rowKey={(p) => p.name} columns={columns}
//     empty="No pools yet." />
//
// Sorting is the table's own unless `sort` and `onSort` are given (e.g. to keep it in the URL);
// a page without an island can give `sortHref` to make each header a link instead.

import type { ComponentChildren } from "preact";
import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { ariaSort, nextSort, sortRows, type SortState, type SortValue } from "./sort.ts";
import { selectAllShown, toggleKey } from "./selection.ts";
import { firstRows, useVirtualRows } from "./virtual_rows.ts";
import { t } from "../../../shared/i18n/t.ts";

export interface Column<T> {
  /** Stable id: the sort key in URLs and the column chooser's key. */
  id: string;
  /** Header text (also the column chooser's label). */
  header: string;
  cell: (row: T) => ComponentChildren;
  /** What the column sorts by; without it the column does not sort. */
  sortValue?: (row: T) => SortValue;
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  /** Hidden below 640 px until someone chooses columns (`hidden` given). */
  hideOnSmall?: boolean;
  /** The header is for screen readers only (an actions column). */
  headerHidden?: boolean;
  /** Extra class on the column's cells. */
  class?: string;
}

export interface TableSelection<T> {
  /** Keys of the selected rows; only those shown count (selection.ts selectedShown). */
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** The row checkbox's accessible name, e.g. `Select ${vm.name}`. */
  rowLabel: (row: T) => string;
  /** The header checkbox's accessible name, e.g. "Select all shown VMs". */
  allLabel: string;
  /** Not yet usable (before hydration). */
  disabled?: boolean;
  /** Extra class on the checkbox cells, e.g. one that hides them from some roles. */
  class?: string;
}

export interface VirtualOptions {
  /** Every row's height in px (the CSS holds rows to it). */
  rowHeight: number;
  /** Virtualise from this many rows on; fewer are all rendered. */
  from?: number;
  /** Rows rendered before the table knows its view: the server's first screenful. */
  initialRows?: number;
}

export interface DataTableProps<T> {
  /** The table's accessible name. */
  label: string;
  /** The rows to show (already filtered); the table sorts them. */
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly Column<T>[];
  /** Ids of columns not to show; when given it overrides `hideOnSmall`. */
  hidden?: ReadonlySet<string>;
  sort?: SortState | null;
  onSort?: (sort: SortState) => void;
  /** Header links instead of buttons (server pages without an island). */
  sortHref?: (sort: SortState) => string;
  selection?: TableSelection<T>;
  /** Attributes of a row's <tr>: data ids for tests and scripts, a class; undefined ones left out. */
  rowAttrs?: (row: T) => Record<string, string | undefined>;
  /** What an empty table says (no rows at all, or none match a filter). */
  empty?: ComponentChildren;
  loading?: boolean;
  virtual?: VirtualOptions;
  class?: string;
}

/** `rows` in the order `sort` asks for (as the table shows them). */
export function sortedRows<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  sort: SortState | null | undefined,
): readonly T[] {
  const valueOf = sort && columns.find((c) => c.id === sort.column)?.sortValue;
  return valueOf ? sortRows(rows, valueOf, sort.dir) : rows;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { label, rows, rowKey, columns, hidden, selection, virtual } = props;
  const [ownSort, setOwnSort] = useState<SortState | null>(null);
  const sort = props.onSort ? props.sort ?? null : ownSort ?? props.sort ?? null;
  const onSort = props.onSort ?? setOwnSort;
  const shownColumns = hidden ? columns.filter((c) => !hidden.has(c.id)) : columns;
  const ordered = useMemo(() => sortedRows(rows, columns, sort), [rows, columns, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const isVirtual = !!virtual && ordered.length >= (virtual.from ?? 200);
  const rowHeight = virtual?.rowHeight ?? 0;
  const initialRows = virtual?.initialRows ?? 40;
  const live = useVirtualRows({
    scrollRef,
    count: ordered.length,
    rowHeight,
    initialRows,
    enabled: isVirtual,
  });
  const view = isVirtual ? live : firstRows(ordered.length, ordered.length, rowHeight);
  const span = shownColumns.length + (selection ? 1 : 0);
  // Through the CSSOM, not style attributes: the page's CSP (style-src 'self') drops those.
  useLayoutEffect(() => {
    scrollRef.current?.style.setProperty("--row-h", isVirtual ? `${rowHeight}px` : "");
  }, [isVirtual, rowHeight]);

  const allOn = ordered.length > 0 && ordered.every((r) => selection?.selected.has(rowKey(r)));
  const someOn = !allOn && ordered.some((r) => selection?.selected.has(rowKey(r)));
  const cellClass = (c: Column<T>) =>
    [c.numeric && "num", c.hideOnSmall && "hide-small", c.class].filter(Boolean).join(" ") ||
    undefined;

  return (
    // A region that scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
    <div
      ref={scrollRef}
      class={`data-table-wrap${isVirtual ? " data-table-virtual" : ""}`}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <table
        class={`table data-table${hidden ? " columns-chosen" : ""} ${props.class ?? ""}`}
        aria-label={label}
        aria-busy={props.loading || undefined}
        aria-rowcount={isVirtual ? ordered.length + 1 : undefined}
      >
        <thead>
          <tr>
            {selection && (
              <th scope="col" class={`select-col ${selection.class ?? ""}`}>
                <input
                  type="checkbox"
                  aria-label={selection.allLabel}
                  disabled={selection.disabled || ordered.length === 0}
                  checked={allOn}
                  indeterminate={someOn}
                  onChange={(e) =>
                    selection.onChange(selectAllShown(e.currentTarget.checked, ordered, rowKey))}
                />
              </th>
            )}
            {shownColumns.map((c) => (
              <th
                key={c.id}
                scope="col"
                class={cellClass(c)}
                aria-sort={c.sortValue ? ariaSort(sort, c.id) : undefined}
                data-column={c.id}
              >
                <HeaderContent column={c} sort={sort} onSort={onSort} sortHref={props.sortHref} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.loading && ordered.length === 0 && (
            <tr>
              <td colSpan={span} class="muted empty">{t("Loading…")}</td>
            </tr>
          )}
          {!props.loading && ordered.length === 0 && (
            <tr>
              <td colSpan={span} class="muted empty">{props.empty ?? t("Nothing to show.")}</td>
            </tr>
          )}
          {view.padTop > 0 && <Spacer height={view.padTop} />}
          {ordered.slice(view.start, view.end).map((row, i) => {
            const key = rowKey(row);
            return (
              <tr
                key={key}
                aria-rowindex={isVirtual ? view.start + i + 2 : undefined}
                {...props.rowAttrs?.(row)}
              >
                {selection && (
                  <td class={`select-col ${selection.class ?? ""}`}>
                    <input
                      type="checkbox"
                      aria-label={selection.rowLabel(row)}
                      disabled={selection.disabled}
                      checked={selection.selected.has(key)}
                      onChange={(e) =>
                        selection.onChange(
                          toggleKey(selection.selected, key, e.currentTarget.checked),
                        )}
                    />
                  </td>
                )}
                {shownColumns.map((c) => <td key={c.id} class={cellClass(c)}>{c.cell(row)}</td>)}
              </tr>
            );
          })}
          {view.padBottom > 0 && <Spacer height={view.padBottom} />}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The room of the rows not rendered. Its height is set through the CSSOM (the CSP drops style
 * attributes), so the server's page has no spacer height: its first screenful is all it shows.
 */
function Spacer({ height }: { height: number }) {
  const ref = useRef<HTMLTableRowElement>(null);
  useLayoutEffect(() => {
    ref.current?.style.setProperty("height", `${height}px`);
  }, [height]);
  return <tr ref={ref} class="spacer" aria-hidden="true" data-height={height} />;
}

function HeaderContent<T>(
  { column, sort, onSort, sortHref }: {
    column: Column<T>;
    sort: SortState | null;
    onSort: (sort: SortState) => void;
    sortHref?: (sort: SortState) => string;
  },
) {
  if (column.headerHidden) return <span class="sr-only">{column.header}</span>;
  if (!column.sortValue) return <>{column.header}</>;
  const arrow = sort?.column !== column.id ? "↕" : sort.dir === "asc" ? "▲" : "▼";
  const content = (
    <>
      {column.header}
      <span class="sort-arrow" aria-hidden="true">{arrow}</span>
    </>
  );
  const next = nextSort(sort, column.id);
  if (sortHref) return <a class="sort-button" href={sortHref(next)}>{content}</a>;
  return (
    <button type="button" class="sort-button" onClick={() => onSort(next)}>
      {content}
    </button>
  );
}
