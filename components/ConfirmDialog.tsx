// A modal confirmation built on <dialog>, for destructive VM actions.

import type { ComponentChildren, RefObject } from "preact";

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  children: ComponentChildren;
}

export function ConfirmDialog({ dialogRef, title, confirmLabel, onConfirm, children }: Props) {
  const titleId = `dialog-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <dialog ref={dialogRef} class="dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div class="dialog-buttons">
        <button type="button" class="button" onClick={() => dialogRef.current?.close()}>
          Cancel
        </button>
        <button
          type="button"
          class="button button-danger"
          onClick={() => {
            dialogRef.current?.close();
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
