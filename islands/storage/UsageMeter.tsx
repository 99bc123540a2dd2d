// A pool's allocation against its capacity: a <meter> and the percentage.

import type { PoolInfo } from "../../lib/types.ts";

export function usagePercent(pool: Pick<PoolInfo, "capacityBytes" | "allocationBytes">): number {
  return pool.capacityBytes > 0 ? Math.round(pool.allocationBytes / pool.capacityBytes * 100) : 0;
}

export function UsageMeter({ pool }: { pool: PoolInfo }) {
  if (!pool.active) return <span class="muted">—</span>;
  const pct = usagePercent(pool);
  return (
    <span class="usage">
      <meter
        min={0}
        max={100}
        low={80}
        high={90}
        optimum={0}
        value={pct}
        aria-label={`Usage of ${pool.name}`}
      >
        {pct}%
      </meter>
      <span class="usage-pct">{pct}%</span>
    </span>
  );
}
