// A list page's island, assembled as Proxmox VE's generic grid is: the rows the server rendered
// (or loaded in the browser when it could not), read again when the resource changes, the bar
// with its "New …" form, the table with its loading, failed and empty words, and the note that
// says what was done. A list is then its columns, its form, its words and its dialogs.

import { type Signal, useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { loadedRows } from "./action_list.tsx";
import { ListToolbar } from "./ListToolbar.tsx";
import { ErrorNotice } from "./Notice.tsx";
import { type Column, DataTable } from "./table/mod.ts";
import { Trans } from "./Trans.tsx";
import { type Outcome, OutcomeNote } from "./use_action.tsx";
import { useHydrated } from "./use_hydrated.ts";
import { useReload } from "./use_reload.ts";
import { t } from "../../shared/i18n/t.ts";

/** A list's state: its rows, how to read them again, and what the page says about them. */
export interface ResourceRows<T> {
  /** Null until the first read in the browser, when the server rendered none. */
  rows: Signal<T[] | null>;
  reload: () => Promise<void>;
  loadError: Signal<string | null>;
  /** What the last change did, shown under the table. */
  note: Signal<Outcome | null>;
  /**
   * Whether the island hydrated, read in the hook so that the island renders again then: the
   * table's rows re-render only for new columns or rows (DataTable's pure rows), so columns whose
   * buttons wait for hydration must be made again.
   */
  hydrated: boolean;
}

/**
 * The rows of a list: `initial` as the server rendered them (null: read them in the browser),
 * `error` the server's words when it could not, `load` the read, and `subscribe` what calls back
 * when they may have changed (returning the function that stops it).
 */
export function useResourceRows<T>({ initial, error, load, subscribe }: {
  initial: T[] | null;
  error: string | null;
  load: () => Promise<T[]>;
  subscribe: (changed: () => void) => () => void;
}): ResourceRows<T> {
  const rows = useSignal<T[] | null>(initial);
  const note = useSignal<Outcome | null>(null);
  const hydrated = useHydrated();
  const { reload, loadError } = useReload(async () => {
    rows.value = await load();
  }, error);
  useEffect(() => {
    if (initial === null) reload();
    return subscribe(() => reload());
  }, []);
  return { rows, reload, loadError, note, hydrated: hydrated.value };
}

/** "Pool {{name}} created." with the name linking to its page. */
export function createdNote(text: string, name: string, href: string): Outcome {
  return {
    ok: true,
    message: <Trans text={text} parts={{ name: <a href={href}>{name}</a> }} />,
  };
}

interface Props<T> {
  list: ResourceRows<T>;
  /** The "New …" button's words. */
  newLabel: string;
  /** "3 pools". */
  count: (n: number) => string;
  /** The form the button opens; `created` closes it, notes the outcome and reads the rows again. */
  newForm: (done: { cancel: () => void; created: (note: Outcome) => void }) => ComponentChildren;
  /** The table's accessible name and class. */
  label: string;
  class: string;
  /** The table's words while the first read runs, when it failed, and when there are no rows. */
  loading: string;
  failed: string;
  empty: string;
  rowKey: (row: T) => string;
  rowAttrs?: (row: T) => Record<string, string | undefined>;
  columns: Column<T>[];
  /** The list's dialogs (a delete's confirmation). */
  children?: ComponentChildren;
}

export function ResourceList<T>(props: Props<T>) {
  const { list } = props;
  const creating = useSignal(false);
  const rows = list.rows.value;
  return (
    <div>
      <ListToolbar
        newLabel={props.newLabel}
        open={creating.value}
        onToggle={() => creating.value = !creating.value}
        disabled={!list.hydrated}
        count={rows === null ? t("Loading…") : props.count(rows.length)}
      />
      {creating.value && props.newForm({
        cancel: () => creating.value = false,
        created: (note) => {
          creating.value = false;
          list.note.value = note;
          list.reload();
        },
      })}
      <ErrorNotice message={list.loadError.value} />
      <DataTable
        label={props.label}
        class={props.class}
        {...loadedRows(rows, list.loadError.value ? props.failed : props.loading, props.empty)}
        rowKey={props.rowKey}
        rowAttrs={props.rowAttrs}
        columns={props.columns}
      />
      <OutcomeNote outcome={list.note.value} />
      {props.children}
    </div>
  );
}
