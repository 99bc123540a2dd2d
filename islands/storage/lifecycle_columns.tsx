// What the pools and the networks tables share, both being libvirt objects that are named,
// started and stopped: the name linking to the object's page, its state, its Start or Stop and
// Delete buttons, rows found by name, and the New form whose note links the new object to its page.

import type { ComponentType } from "preact";
import type { Column } from "../../components/kit/table/mod.ts";
import { RowButton } from "../../components/kit/row_actions.tsx";
import { createdNote } from "../../components/kit/ResourceList.tsx";
import type { Outcome } from "../../components/kit/use_action.tsx";
import { ActiveBadge } from "./ActiveBadge.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Lifecycle {
  name: string;
  active: boolean;
}

/** The Name column: the name, clipped, linking to the object's own page. */
export function nameLinkColumn<T extends Lifecycle>(href: (name: string) => string): Column<T> {
  return {
    id: "name",
    header: t("Name"),
    class: "clip-name",
    cell: (row) => <a class="clip" href={href(row.name)} title={row.name}>{row.name}</a>,
  };
}

/** The State column: Active or Inactive. */
export function stateColumn<T extends Lifecycle>(): Column<T> {
  return { id: "state", header: t("State"), cell: (row) => <ActiveBadge active={row.active} /> };
}

interface StartStopProps {
  row: Lifecycle;
  disabled: boolean;
  /** Whether that action of the row is under way. */
  busy: (action: "start" | "stop") => boolean;
  onAction: (action: "start" | "stop") => void;
}

/** Stop for a running object, Start for a stopped one. */
export function StartStopButton({ row, disabled, busy, onAction }: StartStopProps) {
  const action = row.active ? "stop" : "start";
  return (
    <RowButton
      action={row.active ? t("Stop") : t("Start")}
      name={row.name}
      disabled={disabled}
      busy={busy(action)}
      onClick={() => onAction(action)}
    />
  );
}

/** Delete, a danger button; the caller asks for confirmation on click. */
export function DeleteButton(
  { row, disabled, busy, onClick }: {
    row: Lifecycle;
    disabled: boolean;
    busy?: boolean;
    onClick: () => void;
  },
) {
  return (
    <RowButton
      action={t("Delete")}
      name={row.name}
      kind="danger"
      disabled={disabled}
      busy={busy}
      onClick={onClick}
    />
  );
}

/** The table's rows keyed by name, each naming itself in `attr` ("data-pool") for the tests. */
export function rowsByName<T extends Lifecycle>(attr: `data-${string}`) {
  return {
    rowKey: (row: T) => row.name,
    rowAttrs: (row: T) => ({ [attr]: row.name }),
  };
}

/** A New form of the list: it calls back with the object it made, or cancels. */
type NewForm = ComponentType<{ onCancel: () => void; onCreated: (row: { name: string }) => void }>;

/**
 * The list's `newForm`: `Form`, closed when cancelled, and the object it made noted with `text`
 * ("Pool {{name}} created.", its name left as a placeholder) whose name links to its page.
 */
export function newObjectForm(Form: NewForm, text: string, href: (name: string) => string) {
  return ({ cancel, created }: { cancel: () => void; created: (note: Outcome) => void }) => (
    <Form
      onCancel={cancel}
      onCreated={(row) => created(createdNote(text, row.name, href(row.name)))}
    />
  );
}
