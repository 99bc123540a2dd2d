// A page of saved items (alert rules, notification targets and rules, scheduled jobs): the form
// that edits one, which closes once it saved and has the list read again, and the page's other
// changes to the list (a delete, a toggle, a run) ending alike: a refusal shown as a toast in the
// API's words, the list read again either way.

import { errorMessage } from "../client/api.ts";
import { showError } from "../client/toasts.tsx";
import { type Editing, useEditing } from "./use_editing.ts";

export interface ItemEditor<T> extends Editing<T> {
  /** The form saved: it closes, and the list is read again. */
  saved(): void;
}

/** `editing` with `saved`, which closes its form and calls `reload`. */
export function itemEditorOf<T>(editing: Editing<T>, reload: () => unknown): ItemEditor<T> {
  return {
    ...editing,
    saved() {
      editing.close();
      reload();
    },
  };
}

export function useItemEditor<T extends { id: string }>(
  items: T[] | null,
  reload: () => unknown,
): ItemEditor<T> {
  return itemEditorOf(useEditing(items), reload);
}

/** Runs a change to the list: a refusal is a toast, and `reload` runs either way. */
export function changeThenReload(
  reload: () => unknown,
): (change: () => Promise<unknown>) => Promise<void> {
  return async (change) => {
    try {
      await change();
    } catch (err) {
      showError(errorMessage(err));
    }
    reload();
  };
}
