// Metric history in its own SQLite file: raw samples, one-minute and one-hour rollups.
// Large and rebuildable, so it is kept apart from the app's store.

import type { StatementSync } from "node:sqlite";
import { isStoreBusy, Store } from "../store.ts";
import type { HostSample, VmSample } from "./sampler.ts";
import type {
  HostMetricSeries,
  MetricResolution,
  MetricRowCounts,
  RetentionPolicy,
  VmMetricSeries,
} from "../../shared/metrics.ts";
import { type MetricRange } from "../../shared/metrics.ts";

/** The metrics database's file name inside the data folder. */
export const METRICS_DB_FILE = "metrics.db";

// Values are stored as integers, which SQLite packs into 1-4 bytes: CPU in tenths of a percent,
// memory in MB, rates in bytes per second. Times are Unix seconds. (source, ts) is the key of
// every table, so one source's range is one index seek, and rows arrive roughly in key order.
const COLUMNS = "cpu, mem_used, mem_total, disk_rd, disk_wr, net_rx, net_tx";
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

const MIGRATIONS: readonly string[] = [
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
];

/** The source key of the host's own series. */
export const HOST_SOURCE = "host";

const TABLES = { raw: "samples_raw", minute: "samples_1m", hour: "samples_1h" } as const;

/** Each resolution's table and bucket length in seconds (raw: the collector's tick). */
const RESOLUTIONS: Record<MetricResolution, { table: string; step: number | null }> = {
  raw: { table: TABLES.raw, step: null },
  "1m": { table: TABLES.minute, step: 60 },
  "1h": { table: TABLES.hour, step: 3600 },
};

/** How each graph range is answered: window length, the table, and the bucket length. */
const RANGES: Record<MetricRange, { seconds: number; resolution: MetricResolution }> = {
  live: { seconds: 300, resolution: "raw" },
  "1h": { seconds: 3600, resolution: "raw" },
  "6h": { seconds: 6 * 3600, resolution: "1m" },
  "24h": { seconds: 24 * 3600, resolution: "1m" },
  "7d": { seconds: 7 * 86400, resolution: "1h" },
  "30d": { seconds: 30 * 86400, resolution: "1h" },
};

/**
 * Ticks of samples held in memory while another process holds metrics.db's write lock (ten
 * minutes at the default tick); past this the oldest are dropped.
 */
export const PENDING_TICKS_MAX = 120;

/** One sample row waiting to be written: its source and the COLUMNS' values. */
interface PendingRow {
  uuid: string;
  name: string;
  vcpus: number | null;
  values: (number | null)[];
}

/** Work done between two yields to the event loop in rollups and clean-ups. */
const WORK_MS = 2;

/**
 * The longest stretch of time one rollup or delete statement covers for one source: about 4,000
 * rows at the default tick, so no single statement holds the event loop for long.
 */
const CHUNK_SECONDS = { raw: 6 * 3600, minute: 3 * 86400, hour: 180 * 86400 } as const;

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

type Row = Record<string, number | null>;

const tenth = (v: number | null) => v === null ? null : Math.round(v * 10);
const fromTenth = (v: unknown) => v === null || v === undefined ? null : Number(v) / 10;
const num = (v: unknown) => v === null || v === undefined ? null : Number(v);

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
const weightedAvg = (c: string, n: string) =>
  `sum(${c} * ${n} * 1.0) / nullif(sum(iif(${c} IS NULL, 0, ${n})), 0)`;

/** Averages and maxima of every column over `from` grouped into `bucket`-second buckets. */
function rollupSelect(from: string, bucket: number, raw: boolean): string {
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

/** Reads and writes the history; every method takes its time as an argument (testable clocks). */
export class MetricsHistory {
  readonly store: Store;
  #sourceIds = new Map<string, { id: number; name: string; vcpus: number | null }>();
  #insertRaw: StatementSync;
  #upsertSource: StatementSync;

  /** The collector's tick: the bucket of a raw series, and what counts as a gap in it. */
  readonly tickSeconds: number;

  /**
   * Null when the history is kept in metrics.db; else why it is kept in memory instead (the file
   * is damaged or from a newer build), in the user's words, for the settings page.
   */
  problem: string | null = null;

  /** Ticks not yet written, oldest first: more than one only while metrics.db is busy. */
  #pending: { ts: number; rows: PendingRow[] }[] = [];
  /** Ticks dropped since metrics.db became busy. */
  #dropped = 0;
  /** True from the first busy write until the held ticks are written (one log line each). */
  #held = false;

  constructor(store: Store, tickSeconds = 5) {
    this.store = store;
    this.tickSeconds = tickSeconds;
    const db = store.db;
    this.#reloadSources();
    this.#insertRaw = db.prepare(
      // Two ticks in one second (short ticks, a slow bulk call) share a row: keep the figures
      // the later reading lacks, e.g. the memory and disk of a slow reading.
      `INSERT INTO samples_raw (source, ts, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, ts) DO UPDATE SET ${
        COLUMNS.split(", ").map((c) => `${c} = coalesce(excluded.${c}, ${c})`).join(", ")
      }`,
    );
    this.#upsertSource = db.prepare(
      `INSERT INTO sources (uuid, name, vcpus) VALUES (?, ?, ?)
       ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, vcpus = excluded.vcpus
       RETURNING id`,
    );
  }

  /**
   * Like open, but an unusable metrics.db (damaged pages, not SQLite, newer) must not
   * crash-loop the server nor be written to: graphs then start empty in memory, the file is left
   * byte for byte for the admin to move aside, and `problem` says so. `label` prefixes the log
   * line ("kvm-manager", "kvm-manager: host rack-2").
   */
  static openOrMemory(dataDir: string | null, tickSeconds: number, label: string): MetricsHistory {
    try {
      return MetricsHistory.open(dataDir, tickSeconds);
    } catch (err) {
      const history = MetricsHistory.open(null, tickSeconds);
      history.problem = `${(err as Error).message}. Metric graphs are kept in memory until ` +
        `KVM Manager restarts; the file was left untouched: move ${dataDir}/${METRICS_DB_FILE} ` +
        "aside or restore it, then restart KVM Manager.";
      console.error(`${label}: metrics history unusable: ${history.problem}`);
      return history;
    }
  }

  /** Opens `${dataDir}/metrics.db`, or an in-memory one without a data folder. */
  static open(dataDir: string | null, tickSeconds?: number): MetricsHistory {
    const path = dataDir === null ? ":memory:" : `${dataDir}/${METRICS_DB_FILE}`;
    return new MetricsHistory(
      // Checked like the app store: a damaged page found later would be written around and
      // fail every tick.
      Store.open(path, { migrations: MIGRATIONS, quickCheck: true }),
      tickSeconds,
    );
  }

  close(): void {
    this.store.close();
  }

  #reloadSources() {
    this.#sourceIds.clear();
    for (const row of this.store.db.prepare("SELECT id, uuid, name, vcpus FROM sources").all()) {
      this.#sourceIds.set(String(row.uuid), {
        id: Number(row.id),
        name: String(row.name),
        vcpus: num(row.vcpus),
      });
    }
  }

  /** The source id of a VM (or the host), created or renamed as needed. */
  #source(uuid: string, name: string, vcpus: number | null): number {
    const known = this.#sourceIds.get(uuid);
    if (known && known.name === name && (vcpus === null || known.vcpus === vcpus)) return known.id;
    const keep = vcpus ?? known?.vcpus ?? null;
    const id = Number(this.#upsertSource.get(uuid, name, keep)!.id);
    this.#sourceIds.set(uuid, { id, name, vcpus: keep });
    return id;
  }

  /** The known VMs and the host: UUID, last name and last vCPU count. */
  sources(): { uuid: string; id: number; name: string; vcpus: number | null }[] {
    return [...this.#sourceIds].map(([uuid, s]) => ({ uuid, ...s }));
  }

  /**
   * Stores one tick's samples at `atMs`; `vcpus` gives each VM's (and the host's) CPU count.
   * While another process holds metrics.db's write lock, ticks wait in memory (at most
   * PENDING_TICKS_MAX) and are written with the next tick that finds it free; that is logged
   * once, never thrown. Other failures throw.
   */
  record(
    atMs: number,
    host: HostSample | null,
    vms: VmSample[],
    vcpus: (vmId: string) => number | undefined = () => undefined,
  ): void {
    const rows: PendingRow[] = [];
    if (host) {
      rows.push({
        uuid: HOST_SOURCE,
        name: "Host",
        vcpus: vcpus(HOST_SOURCE) ?? null,
        values: [tenth(host.cpu), host.memUsedMb, host.memTotalMb, null, null, null, null],
      });
    }
    for (const s of vms) {
      rows.push({
        uuid: s.vmId,
        name: s.name,
        vcpus: vcpus(s.vmId) ?? null,
        values: [
          tenth(s.cpu),
          s.memUsedMb,
          s.memTotalMb,
          s.diskRead,
          s.diskWrite,
          s.netRx,
          s.netTx,
        ],
      });
    }
    this.#pending.push({ ts: Math.floor(atMs / 1000), rows });
    if (this.#pending.length > PENDING_TICKS_MAX) {
      this.#pending.shift();
      this.#dropped++;
    }
    const ticks = this.#pending;
    try {
      this.store.write(() => {
        for (const tick of ticks) {
          for (const row of tick.rows) {
            this.#insertRaw.run(
              this.#source(row.uuid, row.name, row.vcpus),
              tick.ts,
              ...row.values,
            );
          }
        }
      });
    } catch (err) {
      if (!isStoreBusy(err)) {
        this.#pending = [];
        throw err;
      }
      // A failed transaction may have cached source ids that were rolled back.
      this.#reloadSources();
      if (!this.#held) {
        console.error(
          `Metrics history: ${this.store.path} is busy (another process holds its lock); ` +
            `holding samples in memory (up to ${PENDING_TICKS_MAX} ticks) until it is free`,
        );
      }
      this.#held = true;
      return;
    }
    this.#pending = [];
    if (this.#held) {
      console.error(
        `Metrics history: ${this.store.path} is free again; ${ticks.length} held ticks written` +
          (this.#dropped ? `, ${this.#dropped} older ones dropped` : ""),
      );
    }
    this.#held = false;
    this.#dropped = 0;
  }

  /** Ticks of samples waiting for metrics.db's lock. */
  get pendingTicks(): number {
    return this.#pending.length;
  }

  #doneUntil(resolution: "1m" | "1h"): number | null {
    const row = this.store.db.prepare("SELECT done_until FROM rollup_state WHERE resolution = ?")
      .get(resolution);
    return row ? Number(row.done_until) : null;
  }

  /**
   * Rolls every complete minute of raw samples into samples_1m and every complete hour of
   * those into samples_1h, from where the last rollup stopped (so after downtime the gap is
   * caught up once). Works in slices of sources and yields between them.
   */
  async rollup(nowMs: number): Promise<void> {
    const now = Math.floor(nowMs / 1000);
    await this.#rollInto("1m", "samples_raw", "samples_1m", 60, true, now);
    await this.#rollInto("1h", "samples_1m", "samples_1h", 3600, false, now);
  }

  async #rollInto(
    resolution: "1m" | "1h",
    from: string,
    into: string,
    bucket: number,
    raw: boolean,
    now: number,
  ): Promise<void> {
    const db = this.store.db;
    const to = Math.floor(now / bucket) * bucket;
    let start = this.#doneUntil(resolution);
    if (start === null) {
      // Each source's oldest row is one index seek; min(ts) over the table would scan it all.
      const oldest = db.prepare(
        `SELECT min((SELECT min(ts) FROM ${from} WHERE source = s.id)) AS ts FROM sources s`,
      ).get()?.ts;
      if (oldest === null || oldest === undefined) return;
      start = Math.floor(Number(oldest) / bucket) * bucket;
    }
    if (start >= to) return;
    const insert = db.prepare(
      `INSERT OR REPLACE INTO ${into} (source, ts, n_cpu, n_mem, n_disk, n_net, cpu, cpu_max,
        mem_used, mem_used_max,
        mem_total, disk_rd, disk_rd_max, disk_wr, disk_wr_max, net_rx, net_rx_max, net_tx,
        net_tx_max) ${rollupSelect(from, bucket, raw)}`,
    );
    const chunk = CHUNK_SECONDS[raw ? "raw" : "minute"];
    const ids = this.sources().map((s) => s.id);
    for (let a = start; a < to; a += chunk) {
      const b = Math.min(to, a + chunk);
      await this.#inSlices(ids, (id) => insert.run(id, a, b));
    }
    this.store.write(() =>
      db.prepare(
        `INSERT INTO rollup_state (resolution, done_until) VALUES (?, ?)
         ON CONFLICT (resolution) DO UPDATE SET done_until = excluded.done_until`,
      ).run(resolution, to)
    );
  }

  /**
   * Deletes rows older than the policy's windows at `nowMs`: raw when `raw`, the rollups when
   * `rollups`. One source per statement (an index range), yielding between slices.
   */
  async cleanup(
    policy: Pick<RetentionPolicy, "rawHours" | "minuteDays" | "hourDays">,
    nowMs: number,
    { raw = true, rollups = true }: { raw?: boolean; rollups?: boolean } = {},
  ): Promise<MetricRowCounts> {
    const now = Math.floor(nowMs / 1000);
    const deleted: MetricRowCounts = { raw: 0, minute: 0, hour: 0 };
    const jobs: [keyof MetricRowCounts, number][] = [];
    if (raw) jobs.push(["raw", now - policy.rawHours * 3600]);
    if (rollups) {
      jobs.push(["minute", now - policy.minuteDays * 86400]);
      jobs.push(["hour", now - policy.hourDays * 86400]);
    }
    const ids = this.sources().map((s) => s.id);
    const db = this.store.db;
    for (const [kind, before] of jobs) {
      const table = TABLES[kind];
      const oldest = db.prepare(`SELECT min(ts) AS ts FROM ${table} WHERE source = ?`);
      const del = db.prepare(`DELETE FROM ${table} WHERE source = ? AND ts < ?`);
      const chunk = CHUNK_SECONDS[kind];
      // Per source, from its oldest row forward in chunks: each statement stays small.
      const steps = function* () {
        for (const id of ids) {
          const first = oldest.get(id)?.ts;
          if (first === null || first === undefined) continue;
          for (let upTo = Number(first) + chunk; upTo < before; upTo += chunk) yield [id, upTo];
          yield [id, before];
        }
      };
      await this.#inSlices(steps(), ([id, upTo]) => {
        deleted[kind] += Number(del.run(id, upTo).changes);
      });
    }
    if (rollups) this.#forgetEmptySources();
    return deleted;
  }

  /**
   * Runs `step` for each item in transactions of about WORK_MS each, yielding to the event
   * loop between them, so HTTP requests are answered while a long job runs.
   */
  async #inSlices<T>(items: Iterable<T>, step: (item: T) => void): Promise<void> {
    const it = items[Symbol.iterator]();
    let next = it.next();
    while (!next.done) {
      const started = performance.now();
      this.store.write(() => {
        do {
          step(next.value as T);
          next = it.next();
        } while (!next.done && performance.now() - started < WORK_MS);
      });
      if (!next.done) await yieldToEventLoop();
    }
  }

  /** Drops sources (deleted VMs) that no table has rows for any more. */
  #forgetEmptySources() {
    const db = this.store.db;
    const gone = db.prepare(
      `SELECT id, uuid FROM sources s WHERE
        NOT EXISTS (SELECT 1 FROM samples_raw WHERE source = s.id) AND
        NOT EXISTS (SELECT 1 FROM samples_1m WHERE source = s.id) AND
        NOT EXISTS (SELECT 1 FROM samples_1h WHERE source = s.id)`,
    ).all();
    if (!gone.length) return;
    this.store.write(() => {
      const del = db.prepare("DELETE FROM sources WHERE id = ?");
      for (const row of gone) {
        del.run(Number(row.id));
        this.#sourceIds.delete(String(row.uuid));
      }
    });
  }

  /** True when there is any history for this UUID (or "host"). */
  has(uuid: string): boolean {
    return this.#sourceIds.has(uuid);
  }

  /** A VM's series for a range ending at `nowMs`; all columns null when nothing is stored. */
  vmSeries(vmId: string, range: MetricRange, nowMs: number): VmMetricSeries {
    const s = this.#series(vmId, range, nowMs, true);
    return { vmId, ...s } as VmMetricSeries;
  }

  hostSeries(range: MetricRange, nowMs: number): HostMetricSeries {
    return this.#series(HOST_SOURCE, range, nowMs, false);
  }

  #series(uuid: string, range: MetricRange, nowMs: number, withIo: boolean): HostMetricSeries {
    const { seconds, resolution } = RANGES[range];
    const to = Math.floor(nowMs / 1000);
    const from = to - seconds;
    const { table, step } = RESOLUTIONS[resolution];
    const id = this.#sourceIds.get(uuid)?.id;
    const rows: Row[] = id === undefined ? [] : this.store.db.prepare(
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
    const stepSeconds = step ?? this.tickSeconds;
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
      range,
      resolution,
      stepSeconds,
      from: from * 1000,
      to: to * 1000,
      ...out,
    } as unknown as HostMetricSeries;
  }

  /** Rows per table. */
  counts(): MetricRowCounts {
    const count = (t: string) =>
      Number(this.store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get()!.n);
    return { raw: count(TABLES.raw), minute: count(TABLES.minute), hour: count(TABLES.hour) };
  }

  /** Bytes the database takes: its pages, plus the write-ahead log on disk. */
  sizeBytes(): number {
    const db = this.store.db;
    const pages = Number(db.prepare("PRAGMA page_count").get()!.page_count);
    const pageSize = Number(db.prepare("PRAGMA page_size").get()!.page_size);
    let wal = 0;
    if (this.store.path !== ":memory:") {
      try {
        wal = Deno.statSync(`${this.store.path}-wal`).size;
      } catch {
        // No WAL file yet.
      }
    }
    return pages * pageSize + wal;
  }
}

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
