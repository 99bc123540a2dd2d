// The header of a pool's tabs: name, active badge and Start / Stop / Refresh (admins).

import type { PoolInfo } from "../../shared/storage.ts";
import { actionButtons, ObjectHeader } from "./ObjectHeader.tsx";
import type { PoolAction } from "./api.ts";
import { t } from "../../shared/i18n/t.ts";

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
    <ObjectHeader name={name} active={pool ? pool.active : null} label={t("Pool actions")}>
      {pool?.active ? button("stop", t("Stop")) : button("start", t("Start"))}
      {pool?.active && button("refresh", t("Refresh"))}
    </ObjectHeader>
  );
}
