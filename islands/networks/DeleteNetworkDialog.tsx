// The question before a network is deleted, the same from the networks table and from the
// network's own page: what goes with it (its port forwards, the VMs' connection to it).

import type { RefObject } from "preact";
import { ConfirmDialog } from "../../components/kit/Dialog.tsx";
import { NamedSentence } from "../../components/kit/NamedSentence.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** The network asked about; undefined before the table's first ask. */
  name: string | undefined;
  onConfirm: () => void;
}

export function DeleteNetworkDialog({ dialogRef, name, onConfirm }: Props) {
  return (
    <ConfirmDialog
      dialogRef={dialogRef}
      title={t("Delete network")}
      confirmLabel={t("Delete")}
      onConfirm={onConfirm}
    >
      <NamedSentence
        text={t(
          "Delete the network {{name}}? It is stopped and removed with its port forwards; VMs attached to it lose that connection.",
          { name: "{{name}}" },
        )}
        names={{ name }}
      />
    </ConfirmDialog>
  );
}
