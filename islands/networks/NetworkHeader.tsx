// The header of a network's tabs: name, active badge, Start / Stop, Autostart and Delete (admins).

import type { NetworkInfo } from "../../shared/networks.ts";
import { ActiveBadge } from "../storage/ActiveBadge.tsx";
import type { NetworkAction } from "./api.ts";

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
    <button
      type="button"
      class="button"
      disabled={busy}
      aria-busy={pending === what}
      onClick={() => onAction(what)}
    >
      {label}
    </button>
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
          <button
            type="button"
            class="button button-danger actions-apart"
            disabled={busy}
            aria-busy={pending === "delete"}
            onClick={onDelete}
          >
            Delete
          </button>
        </div>
      )}
    </div>
  );
}
