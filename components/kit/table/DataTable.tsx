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

import { Component, type ComponentChildren, type RefObject, type VNode } from "preact";
import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { ariaSort, nextSort, sortRows, type SortState, type SortValue } from "./sort.ts";
import { selectAllShown, toggleKey } from "./selection.ts";
import { useVirtualRows } from "./virtual_rows.ts";
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
  /**
   * Hidden in windows this wide or narrower (a laptop's 1280 px, a tablet's 1024 px) until
   * someone chooses columns: what the table leaves out to fit (static/vmlist.css, WIDTH_QUERIES).
   */
  hideUpTo?: 1024 | 1280;
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
  /** Rows rendered beyond each edge of the view (virtual_rows.ts has the default). */
  overscan?: number;
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

/** The windows in which columns start hidden (the same figures as static/vmlist.css). */
const WIDTH_QUERIES = {
  small: "(max-width: 640px)",
  1024: "(max-width: 1024px)",
  1280: "(max-width: 1280px)",
};

/** The ids of the columns this window hides until someone chooses columns. */
export function hiddenByWidth<T>(columns: readonly Column<T>[]): string[] {
  const matches = (query: string) => globalThis.matchMedia?.(query).matches ?? false;
  return columns.filter((c) =>
    (c.hideOnSmall && matches(WIDTH_QUERIES.small)) ||
    (c.hideUpTo !== undefined && matches(WIDTH_QUERIES[c.hideUpTo]))
  ).map((c) => c.id);
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
  const shownColumns = useMemo(
    () => hidden ? columns.filter((c) => !hidden.has(c.id)) : columns,
    [columns, hidden],
  );
  const classes = useMemo(() => shownColumns.map(cellClass), [shownColumns]);
  const ordered = useMemo(() => sortedRows(rows, columns, sort), [rows, columns, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const isVirtual = !!virtual && ordered.length >= (virtual.from ?? 200);
  const rowHeight = virtual?.rowHeight ?? 0;
  const span = shownColumns.length + (selection ? 1 : 0);
  // Through the CSSOM, not style attributes: the page's CSP (style-src 'self') drops those.
  useLayoutEffect(() => {
    scrollRef.current?.style.setProperty("--row-h", isVirtual ? `${rowHeight}px` : "");
  }, [isVirtual, rowHeight]);

  const { rowAttrs } = props;
  const context = useMemo<RowContext<T>>(
    () => ({ rowKey, columns: shownColumns, classes, selection, rowAttrs, numbered: isVirtual }),
    [rowKey, shownColumns, classes, selection, rowAttrs, isVirtual],
  );

  const selected = selection?.selected;
  const allOn = !!selected?.size && ordered.length > 0 &&
    ordered.every((r) => selected.has(rowKey(r)));
  const someOn = !allOn && !!selected?.size && ordered.some((r) => selected.has(rowKey(r)));

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
            {shownColumns.map((c, i) => (
              <th
                key={c.id}
                scope="col"
                class={classes[i]}
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
              <td colSpan={span} class="muted empty">
                <span class="empty-text">{t("Loading…")}</span>
              </td>
            </tr>
          )}
          {!props.loading && ordered.length === 0 && (
            <tr>
              <td colSpan={span} class="muted empty">
                <span class="empty-text">{props.empty ?? t("Nothing to show.")}</span>
              </td>
            </tr>
          )}
          <Rows
            rows={ordered}
            scrollRef={scrollRef}
            virtual={isVirtual ? virtual : undefined}
            row={context}
          />
        </tbody>
      </table>
    </div>
  );
}

function cellClass<T>(c: Column<T>): string | undefined {
  return [
    c.numeric && "num",
    c.hideOnSmall && "hide-small",
    c.hideUpTo && `hide-${c.hideUpTo}`,
    c.class,
  ].filter(Boolean).join(" ") || undefined;
}

/** What every row of one table render shares (one object, so a row's props compare cheaply). */
interface RowContext<T> {
  rowKey: (row: T) => string;
  columns: readonly Column<T>[];
  /** Each shown column's cell class. */
  classes: readonly (string | undefined)[];
  selection?: TableSelection<T>;
  rowAttrs?: (row: T) => Record<string, string | undefined>;
  /** aria-rowindex on each row (virtual rows: the table's rows are not all in the DOM). */
  numbered: boolean;
}

/**
 * The body's rows: the window in view when virtual, else all. The window's changes while
 * scrolling re-render only this, not the header and the table's parents, and rows already
 * rendered are kept as they are (Row skips unchanged props): a scroll step builds only the rows
 * that come into view.
 */
function Rows<T>(
  { rows, scrollRef, virtual, row }: {
    rows: readonly T[];
    scrollRef: RefObject<HTMLElement | null>;
    virtual: VirtualOptions | undefined;
    row: RowContext<T>;
  },
) {
  const rowHeight = virtual?.rowHeight ?? 0;
  const view = useVirtualRows({
    scrollRef,
    count: rows.length,
    rowHeight,
    initialRows: virtual?.initialRows ?? 40,
    overscan: virtual?.overscan,
    enabled: !!virtual,
  });
  const selected = row.selection?.selected;
  const shown: VNode[] = [];
  for (let i = view.start; i < view.end; i++) {
    const r = rows[i];
    const key = row.rowKey(r);
    shown.push(
      <Row key={key} row={r} rowId={key} index={i} on={!!selected?.has(key)} context={row} />,
    );
  }
  return (
    <>
      {view.padTop > 0 && <Spacer height={view.padTop} />}
      {shown}
      {view.padBottom > 0 && <Spacer height={view.padBottom} />}
    </>
  );
}

interface RowProps<T> {
  row: T;
  rowId: string;
  index: number;
  /** Ticked. */
  on: boolean;
  context: RowContext<T>;
}

/** One row; re-rendered only when one of its props changes (a pure component). */
class Row<T> extends Component<RowProps<T>> {
  override shouldComponentUpdate(next: RowProps<T>): boolean {
    const now = this.props;
    return next.row !== now.row || next.rowId !== now.rowId || next.index !== now.index ||
      next.on !== now.on || next.context !== now.context;
  }

  override render() {
    const { row, rowId: key, index, on, context } = this.props;
    const { selection, columns, classes } = context;
    return (
      <tr aria-rowindex={context.numbered ? index + 2 : undefined} {...context.rowAttrs?.(row)}>
        {selection && (
          <td class={`select-col ${selection.class ?? ""}`}>
            <input
              type="checkbox"
              aria-label={selection.rowLabel(row)}
              disabled={selection.disabled}
              checked={on}
              onChange={(e) =>
                selection.onChange(toggleKey(selection.selected, key, e.currentTarget.checked))}
            />
          </td>
        )}
        {columns.map((c, i) => <td key={c.id} class={classes[i]}>{c.cell(row)}</td>)}
      </tr>
    );
  }
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
