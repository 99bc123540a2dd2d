// The header of a network's tabs: name, active badge, Start / Stop, Autostart and Delete (admins).

import type { NetworkInfo } from "../../shared/networks.ts";
import { ActiveBadge } from "../storage/ActiveBadge.tsx";
import type { NetworkAction } from "./api.ts";
import { Button } from "../../components/kit/Button.tsx";

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
  const button = (what: NetworkAction, label: string) => (
    <Button
      disabled={busy}
      busy={pending === what}
      onClick={() => onAction(what)}
    >
      {label}
    </Button>
  );
  return (
    <div class="vm-header">
      <h1>{name}</h1>
      {n && <ActiveBadge active={n.active} />}
      {n && (
        <div class="actions needs-admin" role="toolbar" aria-label="Network actions">
          {n.active ? button("stop", "Stop") : button("start", "Start")}
          <label class="checkbox toolbar-check">
            <input
              type="checkbox"
              checked={n.autostart}
              disabled={busy || !n.persistent}
              onChange={(e) => onAutostart(e.currentTarget.checked)}
            />
            Autostart
          </label>
          <Button
            kind="danger"
            class="actions-apart"
            disabled={busy}
            busy={pending === "delete"}
            onClick={onDelete}
          >
            Delete
          </Button>
        </div>
      )}
    </div>
  );
}
