// The pool page's facts card: type, state, space, target path and where the storage comes from.

import type { PoolInfo } from "../../shared/storage.ts";
import { formatBytes, yesNo } from "../../components/format.ts";
import { UsageMeter } from "./UsageMeter.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { FactList } from "../../components/kit/FactList.tsx";

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
  const allocation = (
    <>
      {pool.active ? formatBytes(pool.allocationBytes) : "—"} <UsageMeter pool={pool} />
    </>
  );
  return (
    <Card id="pool-facts" title="Pool">
      <FactList
        facts={[
          ["Type", pool.type],
          ["Path", pool.path ? <code key="path">{pool.path}</code> : "—"],
          source !== null && ["Source", source],
          ["Capacity", pool.active ? formatBytes(pool.capacityBytes) : "—"],
          ["Allocation", allocation],
          ["Available", pool.active ? formatBytes(pool.availableBytes) : "—"],
          ["Volumes", pool.volumeCount ?? "—"],
          ["Autostart", yesNo(pool.autostart)],
          ["Persistent", yesNo(pool.persistent)],
          ["UUID", <code key="uuid">{pool.uuid}</code>],
        ]}
      />
    </Card>
  );
}
