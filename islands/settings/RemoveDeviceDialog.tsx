// The question asked before a device leaves the VM (a disk, an interface, a host device, a shared
// folder): one paragraph naming it, and the Remove (or Detach) button that runs `onConfirm`.

import type { ComponentChildren } from "preact";
import { AskDialog } from "../../components/kit/Dialog.tsx";
import type { Confirm } from "../../components/kit/use_confirm.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props<T> {
  confirm: Confirm<T>;
  title: string;
  /** "Remove" unless told ("Detach" for a disk, whose image file is kept). */
  confirmLabel?: string;
  onConfirm: (device: T) => void;
  /** The question, as the dialog's one paragraph. */
  children: ComponentChildren;
}

export function RemoveDeviceDialog<T>({ confirmLabel, children, ...rest }: Props<T>) {
  return (
    <AskDialog confirmLabel={confirmLabel ?? t("Remove")} {...rest}>
      <p>{children}</p>
    </AskDialog>
  );
}
