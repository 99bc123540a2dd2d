// The header of a pool's tabs: name, active badge and Start / Stop / Refresh (admins).

import type { PoolInfo } from "../../shared/storage.ts";
import { ActiveBadge } from "./ActiveBadge.tsx";
import type { PoolAction } from "./api.ts";
import { Button } from "../../components/kit/Button.tsx";

interface Props {
  name: string;
  pool: PoolInfo | null;
  busy: boolean;
  pending: PoolAction | null;
  onAction(what: PoolAction): void;
}

export function PoolHeader({ name, pool, busy, pending, onAction }: Props) {
  const button = (what: PoolAction, label: string) => (
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
      {pool && <ActiveBadge active={pool.active} />}
      {pool && (
        <div class="actions needs-admin" role="toolbar" aria-label="Pool actions">
          {pool.active ? button("stop", "Stop") : button("start", "Start")}
          {pool.active && button("refresh", "Refresh")}
        </div>
      )}
    </div>
  );
}
