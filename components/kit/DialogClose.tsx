// The button row of a dialog that only shows something (a task's log, the shortcuts): Close.

import type { RefObject } from "preact";
import { Button } from "./Button.tsx";
import { t } from "../../shared/i18n/t.ts";

export function DialogClose({ dialogRef }: { dialogRef: RefObject<HTMLDialogElement | null> }) {
  return (
    <div class="dialog-buttons">
      <Button onClick={() => dialogRef.current?.close()}>{t("Close")}</Button>
    </div>
  );
}
