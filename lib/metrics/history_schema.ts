// The metrics database's tables and how values are stored in them: the migrations, the table
// of each resolution, the integer encodings, and the rollup SELECT shared by rollups and
// summaries. Kept apart from history.ts so the SQL's shape is read in one place.

import type { MetricResolution } from "../../shared/metrics.ts";

// Values are stored as integers, which SQLite packs into 1-4 bytes: CPU in tenths of a percent,
// memory in MB, rates in bytes per second. Times are Unix seconds. (source, ts) is the key of
// every table, so one source's range is one index seek, and rows arrive roughly in key order.
export const COLUMNS = "cpu, mem_used, mem_total, disk_rd, disk_wr, net_rx, net_tx";
const ROLLUP = (table: string) =>
  `CREATE TABLE ${table} (
    source INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    n_cpu INTEGER NOT NULL, n_mem INTEGER NOT NULL, n_disk INTEGER NOT NULL,
    n_net INTEGER NOT NULL,
    cpu INTEGER, cpu_max INTEGER,
    mem_used INTEGER, mem_used_max INTEGER, mem_total INTEGER,
    disk_rd INTEGER, disk_rd_max INTEGER, disk_wr INTEGER, disk_wr_max INTEGER,
    net_rx INTEGER, net_rx_max INTEGER, net_tx INTEGER, net_tx_max INTEGER,
    PRIMARY KEY (source, ts)
  ) WITHOUT ROWID`;

function guestRollup(table: string) {
  return `CREATE TABLE ${table} (
    source INTEGER NOT NULL, ts INTEGER NOT NULL, metric INTEGER NOT NULL,
    n INTEGER NOT NULL, v INTEGER, v_max INTEGER,
    PRIMARY KEY (source, ts, metric)
  ) WITHOUT ROWID`;
}

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    uuid TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    vcpus INTEGER
  );
  CREATE TABLE samples_raw (
    source INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    cpu INTEGER, mem_used INTEGER, mem_total INTEGER,
    disk_rd INTEGER, disk_wr INTEGER, net_rx INTEGER, net_tx INTEGER,
    PRIMARY KEY (source, ts)
  ) WITHOUT ROWID;
  ${ROLLUP("samples_1m")};
  ${ROLLUP("samples_1h")};
  CREATE TABLE rollup_state (
    resolution TEXT PRIMARY KEY,
    done_until INTEGER NOT NULL
  ) WITHOUT ROWID`,
  // Guest detail from our agent (history_guest.ts): one row per source, time and metric (a
  // guest CPU's busy tenths of a percent, or a memory figure in MB).
  `CREATE TABLE guest_raw (
    source INTEGER NOT NULL, ts INTEGER NOT NULL, metric INTEGER NOT NULL, v INTEGER NOT NULL,
    PRIMARY KEY (source, ts, metric)
  ) WITHOUT ROWID;
  ${guestRollup("guest_1m")};
  ${guestRollup("guest_1h")}`,
];

/** Each kind of guest row's table, as TABLES. */
export const GUEST_TABLES = { raw: "guest_raw", minute: "guest_1m", hour: "guest_1h" } as const;

/** Each kind of row's table. */
export const TABLES = { raw: "samples_raw", minute: "samples_1m", hour: "samples_1h" } as const;

/** Each resolution's table and bucket length in seconds (raw: the collector's tick). */
export const RESOLUTIONS: Record<MetricResolution, { table: string; step: number | null }> = {
  raw: { table: TABLES.raw, step: null },
  "1m": { table: TABLES.minute, step: 60 },
  "1h": { table: TABLES.hour, step: 3600 },
};

/** One row as SQLite returns it. */
export type Row = Record<string, number | null>;

/** CPU percent as stored (tenths, an integer) and back; `num` reads any nullable column. */
export const tenth = (v: number | null) => v === null ? null : Math.round(v * 10);
export const fromTenth = (v: unknown) => v === null || v === undefined ? null : Number(v) / 10;
export const num = (v: unknown) => v === null || v === undefined ? null : Number(v);

/**
 * Each rollup column's reading count. A column counts its own readings: CPU has none on a VM's
 * first tick, memory and disk come only with slow ticks, so one count per row would weigh a
 * minute of 2 memory readings like one of 12.
 */
const COUNT_OF: Record<string, string> = {
  cpu: "n_cpu",
  mem_used: "n_mem",
  disk_rd: "n_disk",
  disk_wr: "n_disk",
  net_rx: "n_net",
  net_tx: "n_net",
};

/** The average of a rollup column (or a sum of columns sharing a count), weighted by counts. */
export const weightedAvg = (c: string, n: string) =>
  `sum(${c} * ${n} * 1.0) / nullif(sum(iif(${c} IS NULL, 0, ${n})), 0)`;

/** Averages and maxima of every column over `from` grouped into `bucket`-second buckets. */
export function rollupSelect(from: string, bucket: number, raw: boolean): string {
  // From raw rows each column is one reading; from rollups, weight the averages by their counts.
  const avg = (c: string) =>
    `CAST(round(${raw ? `avg(${c})` : weightedAvg(c, COUNT_OF[c])}) AS INTEGER)`;
  const max = (c: string) => raw ? `max(${c})` : `max(${c}_max)`;
  const count = (c: string) => raw ? `count(${c})` : `sum(${COUNT_OF[c]})`;
  return `SELECT source, (ts / ${bucket}) * ${bucket},
      ${count("cpu")}, ${count("mem_used")}, ${count("disk_rd")}, ${count("net_rx")},
      ${avg("cpu")}, ${max("cpu")}, ${avg("mem_used")}, ${max("mem_used")},
      max(mem_total),
      ${avg("disk_rd")}, ${max("disk_rd")}, ${avg("disk_wr")}, ${max("disk_wr")},
      ${avg("net_rx")}, ${max("net_rx")}, ${avg("net_tx")}, ${max("net_tx")}
    FROM ${from}
    WHERE source = ? AND ts >= ? AND ts < ?
    GROUP BY source, ts / ${bucket}`;
}
