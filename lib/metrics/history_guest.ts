// Guest detail in the metrics history: each guest CPU's busy share and the memory breakdown our
// agent's get_usage reports, stored beside the VM's own series (same sources, same retention,
// rolled into minutes and hours the same way). One row per (source, time, metric): metric
// 0 … GUEST_CORES_MAX-1 is cpuN in tenths of a percent, MEMORY_BASE + i the memory columns in MB.

import type { StatementSync } from "node:sqlite";
import type { Store } from "../store.ts";
import {
  GUEST_CORES_MAX,
  GUEST_MEMORY_COLUMNS,
  type GuestMemoryColumn,
  type GuestMetricSeries,
  type MetricRange,
} from "../../shared/metrics.ts";
import { fromTenth, GUEST_TABLES, num, RESOLUTIONS, weightedAvg } from "./history_schema.ts";
import { GUEST_CHUNK_SECONDS, rollUp } from "./history_upkeep.ts";
import { seriesFrame, seriesWindow } from "./history_series.ts";

/** The metric code of the first memory column. */
const MEMORY_BASE = 100;

/** One guest reading as the sampler hands it over. */
export interface GuestSample {
  /** Busy percent by guest CPU id. */
  cpus: { id: number; busyPercent: number }[];
  memoryMb: Record<GuestMemoryColumn, number>;
}

/** The (metric, value) pairs of a sample: CPUs past GUEST_CORES_MAX are left out. */
export function guestRows(sample: GuestSample): [number, number][] {
  const rows: [number, number][] = [];
  // Each CPU once (a guest may repeat ids): at most GUEST_CORES_MAX rows, so at most that many
  // insert statements are ever prepared below, whatever the guest sends.
  const seen = new Set<number>();
  for (const c of Array.isArray(sample.cpus) ? sample.cpus : []) {
    if (
      Number.isInteger(c?.id) && c.id >= 0 && c.id < GUEST_CORES_MAX && !seen.has(c.id) &&
      Number.isFinite(c.busyPercent)
    ) {
      seen.add(c.id);
      rows.push([c.id, Math.round(c.busyPercent * 10)]);
    }
  }
  GUEST_MEMORY_COLUMNS.forEach((k, i) => {
    const v = sample.memoryMb[k];
    if (Number.isFinite(v)) rows.push([MEMORY_BASE + i, Math.round(v)]);
  });
  return rows;
}

/** Each store's prepared insert: one statement for a whole sample (at most 72 rows). */
const inserts = new WeakMap<Store, Map<number, StatementSync>>();

/** Writes one sample of source `id` at `ts` (Unix seconds); a second one that second replaces it. */
export function insertGuestSample(store: Store, id: number, ts: number, sample: GuestSample) {
  const rows = guestRows(sample);
  if (!rows.length) return;
  let byCount = inserts.get(store);
  if (!byCount) inserts.set(store, byCount = new Map());
  let insert = byCount.get(rows.length);
  if (!insert) {
    insert = store.db.prepare(
      `INSERT OR REPLACE INTO guest_raw (source, ts, metric, v) VALUES ${
        Array(rows.length).fill("(?, ?, ?, ?)").join(", ")
      }`,
    );
    byCount.set(rows.length, insert);
  }
  const params = rows.flatMap(([metric, v]) => [id, ts, metric, v]);
  store.write(() => insert.run(...params));
}

/**
 * Rolls complete minutes of guest_raw into guest_1m and hours of those into guest_1h, from where
 * the last guest rollup stopped; the averages of rollups are weighted by their counts.
 */
export async function rollupGuest(store: Store, ids: () => number[], now: number) {
  for (
    const step of [
      { state: "guest-1m", from: GUEST_TABLES.raw, into: GUEST_TABLES.minute, bucket: 60 },
      { state: "guest-1h", from: GUEST_TABLES.minute, into: GUEST_TABLES.hour, bucket: 3600 },
    ]
  ) {
    const raw = step.from === GUEST_TABLES.raw;
    const b = step.bucket;
    await rollUp(store, ids, {
      resolution: step.state,
      from: step.from,
      bucket: b,
      now,
      chunk: GUEST_CHUNK_SECONDS[raw ? "raw" : "minute"],
      insertSql: `INSERT OR REPLACE INTO ${step.into} (source, ts, metric, n, v, v_max)
       SELECT source, (ts / ${b}) * ${b}, metric, ${raw ? "count(v)" : "sum(n)"},
         CAST(round(${raw ? "avg(v)" : weightedAvg("v", "n")}) AS INTEGER),
         ${raw ? "max(v)" : "max(v_max)"}
       FROM ${step.from} WHERE source = ? AND ts >= ? AND ts < ?
       GROUP BY source, ts / ${b}, metric`,
    });
  }
}

/**
 * The guest series of source `id` (undefined: nothing stored) for `range` ending at `nowMs`;
 * `sampleSeconds` is a raw series' bucket. A gap longer than 2.5 buckets (nobody watched, the VM
 * was off) becomes a null point.
 */
export function readGuestSeries(
  store: Store,
  id: number | undefined,
  { range, nowMs, sampleSeconds }: { range: MetricRange; nowMs: number; sampleSeconds: number },
): Omit<GuestMetricSeries, "vmId" | "source" | "sampleSeconds"> {
  const { resolution, from, to } = seriesWindow(range, nowMs);
  const table = {
    raw: GUEST_TABLES.raw,
    "1m": GUEST_TABLES.minute,
    "1h": GUEST_TABLES.hour,
  }[resolution];
  const stepSeconds = RESOLUTIONS[resolution].step ?? sampleSeconds;
  const rows = id === undefined ? [] : store.db.prepare(
    `SELECT ts, metric, v FROM ${table} WHERE source = ? AND ts >= ? AND ts <= ? ORDER BY ts`,
  ).all(id, from, to);
  const times: number[] = [];
  const byTime = new Map<number, Map<number, number | null>>();
  let cores = 0;
  for (const row of rows) {
    const ts = Number(row.ts);
    const metric = Number(row.metric);
    let values = byTime.get(ts);
    if (!values) {
      const last = times.at(-1);
      if (last !== undefined && ts - last > stepSeconds * 2.5) {
        times.push(last + stepSeconds);
        byTime.set(last + stepSeconds, new Map());
      }
      times.push(ts);
      byTime.set(ts, values = new Map());
    }
    values.set(metric, num(row.v));
    if (metric < MEMORY_BASE) cores = Math.max(cores, metric + 1);
  }
  const at = (ts: number, metric: number) => byTime.get(ts)?.get(metric) ?? null;
  const memory = Object.fromEntries(
    GUEST_MEMORY_COLUMNS.map((k, i) => [k, times.map((ts) => at(ts, MEMORY_BASE + i))]),
  ) as Record<GuestMemoryColumn, (number | null)[]>;
  return {
    ...seriesFrame(range, resolution, stepSeconds, { from, to }),
    t: times.map((ts) => ts * 1000),
    cores: Array.from({ length: cores }, (_, c) => times.map((ts) => fromTenth(at(ts, c)))),
    memory,
  };
}
