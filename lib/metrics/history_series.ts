// One graph's series read from the history: which table answers each range, the rows of one
// source in its window, and gaps turned into null points. Kept apart from history.ts, which
// owns writing and upkeep.

import type { Store } from "../store.ts";
import type { HostMetricSeries, MetricRange, MetricResolution } from "../../shared/metrics.ts";
import { fromTenth, num, RESOLUTIONS, type Row } from "./history_schema.ts";

/** How each graph range is answered: window length, the table, and the bucket length. */
export const RANGES: Record<MetricRange, { seconds: number; resolution: MetricResolution }> = {
  live: { seconds: 300, resolution: "raw" },
  "1h": { seconds: 3600, resolution: "raw" },
  "6h": { seconds: 6 * 3600, resolution: "1m" },
  "24h": { seconds: 24 * 3600, resolution: "1m" },
  "7d": { seconds: 7 * 86400, resolution: "1h" },
  "30d": { seconds: 30 * 86400, resolution: "1h" },
};

/** The window a graph of `range` ending at `nowMs` shows (seconds since the epoch), and its resolution. */
export function seriesWindow(range: MetricRange, nowMs: number) {
  const { seconds, resolution } = RANGES[range];
  const to = Math.floor(nowMs / 1000);
  return { resolution, from: to - seconds, to };
}

/** What every series answer opens with: its range, resolution, bucket and window (in ms). */
export function seriesFrame(
  range: MetricRange,
  resolution: MetricResolution,
  stepSeconds: number,
  { from, to }: { from: number; to: number },
) {
  return { range, resolution, stepSeconds, from: from * 1000, to: to * 1000 };
}

/**
 * The series of source `id` (undefined: none stored, every column empty) for `range` ending at
 * `nowMs`; disk and network columns only `withIo`. `tickSeconds` is a raw series' bucket.
 */
export function readSeries(
  store: Store,
  id: number | undefined,
  { range, nowMs, withIo, tickSeconds }: {
    range: MetricRange;
    nowMs: number;
    withIo: boolean;
    tickSeconds: number;
  },
): HostMetricSeries {
  const { resolution, from, to } = seriesWindow(range, nowMs);
  const { table, step } = RESOLUTIONS[resolution];
  const rows: Row[] = id === undefined ? [] : store.db.prepare(
    `SELECT * FROM ${table} WHERE source = ? AND ts >= ? AND ts <= ? ORDER BY ts`,
  ).all(id, from, to) as Row[];
  const out: Record<string, (number | null)[]> = {
    t: [],
    cpu: [],
    cpuMax: [],
    memUsedMb: [],
    memUsedMaxMb: [],
    memTotalMb: [],
  };
  const io = ["diskRead", "diskWrite", "netRx", "netTx"] as const;
  const ioColumn = {
    diskRead: "disk_rd",
    diskWrite: "disk_wr",
    netRx: "net_rx",
    netTx: "net_tx",
  };
  if (withIo) {
    for (const k of io) {
      out[k] = [];
      out[`${k}Max`] = [];
    }
  }
  const stepSeconds = step ?? tickSeconds;
  const push = (t: number, row: Row | null) => {
    out.t.push(t * 1000);
    const raw = resolution === "raw";
    out.cpu.push(row ? fromTenth(row.cpu) : null);
    out.cpuMax.push(row ? fromTenth(raw ? row.cpu : row.cpu_max) : null);
    out.memUsedMb.push(row ? num(row.mem_used) : null);
    out.memUsedMaxMb.push(row ? num(raw ? row.mem_used : row.mem_used_max) : null);
    out.memTotalMb.push(row ? num(row.mem_total) : null);
    if (!withIo) return;
    for (const k of io) {
      const c = ioColumn[k];
      out[k].push(row ? num(row[c]) : null);
      out[`${k}Max`].push(row ? num(raw ? row[c] : row[`${c}_max`]) : null);
    }
  };
  let last: number | null = null;
  for (const row of rows) {
    const t = Number(row.ts);
    // A gap (the VM was off, or we were) becomes a null point, so lines do not bridge it.
    if (last !== null && t - last > stepSeconds * 2.5) push(last + stepSeconds, null);
    push(t, row);
    last = t;
  }
  return {
    ...seriesFrame(range, resolution, stepSeconds, { from, to }),
    ...out,
  } as unknown as HostMetricSeries;
}
