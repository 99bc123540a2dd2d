// A card of saved items (alert rules, notification targets, scheduled jobs): its "New …" button
// beside the title opens the item's form above the list, and the list's Edit opens the same form
// for one item, and the form, saved or cancelled, closes again. Which form shows is the page's
// useItemEditor.

import { type ComponentChildren, Fragment } from "preact";
import { Card } from "./Card.tsx";
import { NewButton } from "./ListToolbar.tsx";
import type { ItemEditor } from "./use_item_editor.ts";

/** What the card hands its form: saved closes it and reads the list again, cancel closes it. */
export interface FormDone {
  onSaved: () => void;
  onCancel: () => void;
}

interface Props<T> {
  /** The card's id, as Card's. */
  id: string;
  title: ComponentChildren;
  newLabel: string;
  /** The New button's state: disabled until the island hydrated. */
  disabled: boolean;
  editor: ItemEditor<T>;
  /** The form for the item edited, or for a new one (none), ending as `done` says. */
  form: (item: T | undefined, done: FormDone) => ComponentChildren;
  /** The list, and whatever the card shows under the form. */
  children: ComponentChildren;
}

export function EditorCard<T>(
  { editor, form, newLabel, disabled, children, ...card }: Props<T>,
) {
  return (
    <Card
      {...card}
      actions={<NewButton label={newLabel} disabled={disabled} onClick={editor.startNew} />}
    >
      {/* Keyed: another item's form starts again from that item's values. */}
      {editor.open && (
        <Fragment key={editor.key}>
          {form(editor.item, { onSaved: editor.saved, onCancel: editor.close })}
        </Fragment>
      )}
      {children}
    </Card>
  );
}
