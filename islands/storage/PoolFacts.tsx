// The pool page's facts card: type, state, space, target path and where the storage comes from.

import type { PoolInfo } from "../../shared/storage.ts";
import { formatBytes, yesNo } from "../../components/format.ts";
import { UsageMeter } from "./UsageMeter.tsx";

/** "nfs.example.com:/export/vms", "/dev/sdb1", "vg_vms" … or null when the pool has no source. */
export function sourceText({ source }: PoolInfo): string | null {
  const where = [
    source.host && source.dir ? `${source.host}:${source.dir}` : source.host ?? source.dir,
  ];
  const parts = [...where, ...source.devices, source.name].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

export function PoolFacts({ pool }: { pool: PoolInfo }) {
  const source = sourceText(pool);
  return (
    <section class="card" aria-labelledby="pool-facts-title">
      <h2 id="pool-facts-title">Pool</h2>
      <dl class="props">
        <dt>Type</dt>
        <dd>{pool.type}</dd>
        <dt>Path</dt>
        <dd>{pool.path ? <code>{pool.path}</code> : "—"}</dd>
        {source && (
          <>
            <dt>Source</dt>
            <dd>{source}</dd>
          </>
        )}
        <dt>Capacity</dt>
        <dd>{pool.active ? formatBytes(pool.capacityBytes) : "—"}</dd>
        <dt>Allocation</dt>
        <dd>
          {pool.active ? formatBytes(pool.allocationBytes) : "—"} <UsageMeter pool={pool} />
        </dd>
        <dt>Available</dt>
        <dd>{pool.active ? formatBytes(pool.availableBytes) : "—"}</dd>
        <dt>Volumes</dt>
        <dd>{pool.volumeCount ?? "—"}</dd>
        <dt>Autostart</dt>
        <dd>{yesNo(pool.autostart)}</dd>
        <dt>Persistent</dt>
        <dd>{yesNo(pool.persistent)}</dd>
        <dt>UUID</dt>
        <dd>
          <code>{pool.uuid}</code>
        </dd>
      </dl>
    </section>
  );
}
