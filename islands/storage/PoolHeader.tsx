// The header of a pool's tabs: name, active badge and Start / Stop / Refresh (admins).

import type { PoolInfo } from "../../shared/storage.ts";
import { actionButtons, ObjectHeader } from "./ObjectHeader.tsx";
import type { PoolAction } from "./api.ts";

interface Props {
  name: string;
  pool: PoolInfo | null;
  busy: boolean;
  pending: PoolAction | null;
  onAction(what: PoolAction): void;
}

export function PoolHeader({ name, pool, busy, pending, onAction }: Props) {
  const button = actionButtons(busy, pending, onAction);
  return (
    <ObjectHeader name={name} active={pool ? pool.active : null} label="Pool actions">
      {pool?.active ? button("stop", "Stop") : button("start", "Start")}
      {pool?.active && button("refresh", "Refresh")}
    </ObjectHeader>
  );
}
