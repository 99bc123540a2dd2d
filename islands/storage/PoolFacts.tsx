// The pool page's facts card: type, state, space, target path and where the storage comes from.

import type { PoolInfo } from "../../shared/storage.ts";
import { formatBytes, yesNo } from "../../shared/format.ts";
import { UsageMeter } from "./UsageMeter.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { FactList } from "../../components/kit/FactList.tsx";
import { t } from "../../shared/i18n/t.ts";

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
    <Card id="pool-facts" title={t("Pool")}>
      <FactList
        facts={[
          [t("Type"), pool.type],
          [t("Path"), pool.path ? <code key="path">{pool.path}</code> : "—"],
          source !== null && [t("Source"), source],
          [t("Capacity"), pool.active ? formatBytes(pool.capacityBytes) : "—"],
          [t("Allocation"), allocation],
          [t("Available"), pool.active ? formatBytes(pool.availableBytes) : "—"],
          [t("Volumes"), pool.volumeCount ?? "—"],
          [t("Autostart"), yesNo(pool.autostart)],
          [t("Persistent"), yesNo(pool.persistent)],
          ["UUID", <code key="uuid">{pool.uuid}</code>],
        ]}
      />
    </Card>
  );
}
