// Which saved item a list page's form edits: none, a new one, or one of the listed items, by id.
// The item is looked up in the list as it is now, so one deleted meanwhile closes its form.

import { useSignal } from "@preact/signals";

export type EditMode = { kind: "none" } | { kind: "new" } | { kind: "edit"; id: string };

export interface Editing<T> {
  /** Whether the form shows: for a new item, or for one still listed. */
  open: boolean;
  /** The listed item the form edits; none for a new one. */
  item: T | undefined;
  /** The form's key: each item's form starts again from that item's values. */
  key: string;
  startNew(): void;
  edit(item: T): void;
  close(): void;
}

/** The form's state for `mode` over `items`, changing the mode through `set`. */
export function editingOf<T extends { id: string }>(
  mode: EditMode,
  items: T[] | null,
  set: (next: EditMode) => void,
): Editing<T> {
  const item = mode.kind === "edit" ? items?.find((x) => x.id === mode.id) : undefined;
  return {
    open: mode.kind === "new" || item !== undefined,
    item,
    key: item?.id ?? "new",
    startNew: () => set({ kind: "new" }),
    edit: (x) => set({ kind: "edit", id: x.id }),
    close: () => set({ kind: "none" }),
  };
}

export function useEditing<T extends { id: string }>(items: T[] | null): Editing<T> {
  const mode = useSignal<EditMode>({ kind: "none" });
  return editingOf(mode.value, items, (next) => mode.value = next);
}
