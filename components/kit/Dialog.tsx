// Modal dialogs on <dialog>: Dialog (a title, content and buttons of its owner's choosing) and
// ConfirmDialog (Cancel and one destructive action, the only place a danger button is filled),
// AskDialog (a ConfirmDialog about what a useConfirm was asked), AskNamedDialog (an AskDialog
// whose question names the thing in bold).

import type { ComponentChildren, RefObject } from "preact";
import type { Confirm } from "./use_confirm.ts";
import { Trans } from "./Trans.tsx";
import { t } from "../../shared/i18n/t.ts";

interface DialogProps {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: string;
  class?: string;
  onClose?: () => void;
  children: ComponentChildren;
}

export function dialogTitleId(title: string): string {
  return `dialog-${title.toLowerCase().replace(/\W+/g, "-")}`;
}

export function Dialog({ dialogRef, title, class: extra, onClose, children }: DialogProps) {
  const titleId = dialogTitleId(title);
  return (
    <dialog
      ref={dialogRef}
      class={extra ? `dialog ${extra}` : "dialog"}
      aria-labelledby={titleId}
      onClose={onClose}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

interface ConfirmProps {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  /** Why the action cannot be taken now: its button is disabled, with this as its title. */
  blocked?: string;
  children: ComponentChildren;
}

export function ConfirmDialog(
  { dialogRef, title, confirmLabel, onConfirm, blocked, children }: ConfirmProps,
) {
  return (
    <Dialog dialogRef={dialogRef} title={title}>
      {children}
      <div class="dialog-buttons">
        <button type="button" class="button" onClick={() => dialogRef.current?.close()}>
          {t("Cancel")}
        </button>
        <button
          type="button"
          class="button button-danger"
          disabled={blocked !== undefined}
          title={blocked}
          onClick={() => {
            dialogRef.current?.close();
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

interface AskProps<T> {
  confirm: Confirm<T>;
  title: string;
  confirmLabel: string;
  /** Runs on the thing asked about, once confirmed. */
  onConfirm: (thing: T) => void;
  children: ComponentChildren;
}

/** The ConfirmDialog of a useConfirm: one per destructive row action of a table. */
export function AskDialog<T>({ confirm, onConfirm, ...rest }: AskProps<T>) {
  return (
    <ConfirmDialog dialogRef={confirm.dialogRef} onConfirm={confirm.then(onConfirm)} {...rest} />
  );
}

interface AskNamedProps<T, K extends string> {
  confirm: Confirm<T>;
  title: string;
  /** t()'s result with its `{{name}}` left in: the thing's name stands there, bold. */
  question: string;
  /** The thing's field that names it, and the question's placeholder it fills: "name" unless told. */
  nameKey?: K;
  /** Said after the question, in the same paragraph (what else the action does). */
  more?: ComponentChildren;
  /** The action's button; "Delete" unless told. */
  confirmLabel?: string;
  onConfirm: (thing: T) => void;
}

/** "Delete the rule **web-cpu**?": the AskDialog of a table whose rows have names. */
export function AskNamedDialog<T extends Record<K, string>, K extends string = "name">(
  { confirm, question, nameKey = "name" as K, more, confirmLabel, ...rest }: AskNamedProps<T, K>,
) {
  const name = <strong>{confirm.subject.value?.[nameKey]}</strong>;
  return (
    <AskDialog confirm={confirm} confirmLabel={confirmLabel ?? t("Delete")} {...rest}>
      <p>
        <Trans text={question} parts={{ [nameKey]: name }} />
        {more !== undefined && <>{" "}{more}</>}
      </p>
    </AskDialog>
  );
}
