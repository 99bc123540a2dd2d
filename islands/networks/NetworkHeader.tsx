// The header of a network's tabs: name, active badge, Start / Stop, Autostart and Delete (admins).

import type { NetworkInfo } from "../../shared/networks.ts";
import { actionButtons, ObjectHeader } from "../storage/ObjectHeader.tsx";
import type { NetworkAction } from "./api.ts";
import { Button } from "../../components/kit/Button.tsx";
import { t } from "../../shared/i18n/t.ts";
import { Checkbox } from "../../components/kit/controls.tsx";

export type Pending = NetworkAction | "autostart" | "delete";

interface Props {
  name: string;
  network: NetworkInfo | null;
  busy: boolean;
  pending: Pending | null;
  onAction(what: NetworkAction): void;
  onAutostart(on: boolean): void;
  onDelete(): void;
}

export function NetworkHeader(
  { name, network: n, busy, pending, onAction, onAutostart, onDelete }: Props,
) {
  const button = actionButtons(busy, pending, onAction);
  return (
    <ObjectHeader name={name} active={n ? n.active : null} label={t("Network actions")}>
      {n && (
        <>
          {n.active ? button("stop", t("Stop")) : button("start", t("Start"))}
          <Checkbox
            class="toolbar-check"
            label={t("Autostart")}
            checked={n.autostart}
            disabled={busy || !n.persistent}
            onChecked={onAutostart}
          />
          <Button
            kind="danger"
            class="actions-apart"
            disabled={busy}
            busy={pending === "delete"}
            onClick={onDelete}
          >
            {t("Delete")}
          </Button>
        </>
      )}
    </ObjectHeader>
  );
}
