// What the VM settings' device cards (network interfaces, host devices, shared folders, disks)
// draw alike: the devices of one kind as a table, or the words that say there are none; and the
// "Add …" form folded under it, shown to admins only.

import type { ComponentChildren } from "preact";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { t } from "../../shared/i18n/t.ts";

interface TableProps<T> {
  /** Why they could not be read, shown above the table. */
  loadError?: string | null;
  /** The table's accessible name. */
  label: string;
  /** Null while they are read. */
  rows: T[] | null;
  /** What is said instead of an empty table. */
  empty: ComponentChildren;
  rowKey: (row: T) => string;
  columns: Column<T>[];
}

/** The devices as a table; "Loading…" before they are read, `empty` when there are none. */
export function DeviceTable<T>({ loadError, label, rows, empty, rowKey, columns }: TableProps<T>) {
  return (
    <>
      {loadError && <p class="form-error" role="alert">{loadError}</p>}
      {rows === null
        ? <p class="muted">{t("Loading…")}</p>
        : rows.length === 0
        ? <p class="muted">{empty}</p>
        : <DataTable label={label} rows={rows} rowKey={rowKey} columns={columns} />}
    </>
  );
}

interface AddProps {
  /** The summary's words ("Add disk"). */
  title: string;
  onSubmit: (e: Event) => void;
  /** Called each time the form is unfolded: read what its choices need (pools, networks). */
  onOpen?: () => void;
  children: ComponentChildren;
}

/** A device's "Add …" form, folded until asked for. */
export function AddDeviceForm({ title, onSubmit, onOpen, children }: AddProps) {
  return (
    <details
      class="add-form needs-admin"
      onToggle={onOpen && ((e) => (e.currentTarget as HTMLDetailsElement).open && onOpen())}
    >
      <summary>{title}</summary>
      <form class="settings-form" onSubmit={onSubmit}>
        {children}
      </form>
    </details>
  );
}
