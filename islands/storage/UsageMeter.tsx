// A pool's allocation against its capacity: a <meter> and the percentage.

import type { PoolInfo } from "../../shared/storage.ts";
import { PercentMeter } from "../../components/kit/Meter.tsx";
import { t } from "../../shared/i18n/t.ts";

export function usagePercent(pool: Pick<PoolInfo, "capacityBytes" | "allocationBytes">): number {
  return pool.capacityBytes > 0 ? Math.round(pool.allocationBytes / pool.capacityBytes * 100) : 0;
}

export function UsageMeter({ pool }: { pool: PoolInfo }) {
  if (!pool.active) return <span class="muted">—</span>;
  return (
    <PercentMeter
      percent={usagePercent(pool)}
      label={t("Usage of {{name}}", { name: pool.name })}
    />
  );
}
