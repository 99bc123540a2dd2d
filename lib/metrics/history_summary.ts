// Per-source aggregates of the hourly rollups, for insights: one grouped read of samples_1h.
// Kept apart from history.ts because only insights need it.

import type { MetricsHistory } from "./history.ts";
import { fromTenth, num, weightedAvg } from "./history_schema.ts";

/** Per-source aggregates of the hourly rollups since `fromMs`, for insights. */
export interface SourceSummary {
  uuid: string;
  name: string;
  vcpus: number | null;
  hours: number;
  avgCpu: number | null;
  maxCpu: number | null;
  avgMemUsedMb: number | null;
  maxMemUsedMb: number | null;
  memTotalMb: number | null;
  avgDisk: number | null;
  avgNet: number | null;
}

/** One grouped read of samples_1h: every source's averages and maxima since `fromMs`. */
export function summarize(history: MetricsHistory, fromMs: number): SourceSummary[] {
  const rows = history.store.db.prepare(
    `SELECT source, count(*) AS hours,
       ${weightedAvg("cpu", "n_cpu")} AS avg_cpu, max(cpu_max) AS max_cpu,
       ${weightedAvg("mem_used", "n_mem")} AS avg_mem, max(mem_used_max) AS max_mem,
       max(mem_total) AS mem_total,
       ${weightedAvg("(disk_rd + disk_wr)", "n_disk")} AS avg_disk,
       ${weightedAvg("(net_rx + net_tx)", "n_net")} AS avg_net,
       count(disk_rd) AS disk_known, count(net_rx) AS net_known
     FROM samples_1h WHERE ts >= ? GROUP BY source`,
  ).all(Math.floor(fromMs / 1000));
  const byId = new Map(history.sources().map((s) => [s.id, s]));
  return rows.flatMap((r) => {
    const s = byId.get(Number(r.source));
    if (!s) return [];
    return [{
      uuid: s.uuid,
      name: s.name,
      vcpus: s.vcpus,
      hours: Number(r.hours),
      avgCpu: fromTenth(r.avg_cpu),
      maxCpu: fromTenth(r.max_cpu),
      avgMemUsedMb: num(r.avg_mem),
      maxMemUsedMb: num(r.max_mem),
      memTotalMb: num(r.mem_total),
      avgDisk: Number(r.disk_known) ? num(r.avg_disk) : null,
      avgNet: Number(r.net_known) ? num(r.avg_net) : null,
    }];
  });
}
