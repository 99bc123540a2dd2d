// Metric history in its own SQLite file: raw samples, one-minute and one-hour rollups.
// Large and rebuildable, so it is kept apart from the app's store. The schema and encodings
// (history_schema.ts), rollups and retention (history_upkeep.ts), graph series
// (history_series.ts) and insights' summary (history_summary.ts) live beside it; this file owns
// the sources and the writing of samples.

import type { StatementSync } from "node:sqlite";
import { isStoreBusy, Store } from "../store.ts";
import type { HostSample, VmSample } from "./sampler.ts";
import type {
  HostMetricSeries,
  MetricRange,
  MetricRowCounts,
  RetentionPolicy,
  VmMetricSeries,
} from "../../shared/metrics.ts";
import { COLUMNS, GUEST_TABLES, MIGRATIONS, num, TABLES, tenth } from "./history_schema.ts";
import {
  type GuestSample,
  insertGuestSample,
  readGuestSeries,
  rollupGuest,
} from "./history_guest.ts";
import { readSeries } from "./history_series.ts";
import {
  deleteEmptySources,
  deleteOldRows,
  GUEST_CHUNK_SECONDS,
  rollInto,
} from "./history_upkeep.ts";

/** The metrics database's file name inside the data folder. */
export const METRICS_DB_FILE = "metrics.db";

/** The source key of the host's own series. */
export const HOST_SOURCE = "host";

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

/** Reads and writes the history; every method takes its time as an argument (testable clocks). */
export class MetricsHistory {
  readonly store: Store;
  #sourceIds = new Map<string, { id: number; name: string; vcpus: number | null }>();
  #insertRaw: StatementSync;
  /** INSERT_BATCH rows in one statement: a statement per row was most of a tick's write. */
  #insertRawBatch: StatementSync;
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
    this.#insertRaw = db.prepare(insertRawSql(1));
    this.#insertRawBatch = db.prepare(insertRawSql(INSERT_BATCH));
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
        // One tick's rows have a source each, so a batch never holds two rows for one key.
        for (const tick of ticks) {
          const { rows } = tick;
          let i = 0;
          for (; i + INSERT_BATCH <= rows.length; i += INSERT_BATCH) {
            const params: (number | null)[] = [];
            for (const row of rows.slice(i, i + INSERT_BATCH)) {
              params.push(this.#source(row.uuid, row.name, row.vcpus), tick.ts, ...row.values);
            }
            this.#insertRawBatch.run(...params);
          }
          for (const row of rows.slice(i)) {
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

  /**
   * Stores one guest reading of a VM (history_guest.ts) at `atMs`. While another process holds
   * metrics.db's lock the reading is dropped: the next comes a few seconds later.
   */
  recordGuest(atMs: number, uuid: string, name: string, sample: GuestSample): void {
    try {
      this.store.write(() =>
        insertGuestSample(
          this.store,
          this.#source(uuid, name, null),
          Math.floor(atMs / 1000),
          sample,
        )
      );
    } catch (err) {
      this.#reloadSources();
      if (!isStoreBusy(err)) throw err;
    }
  }

  /** A VM's guest detail for a range ending at `nowMs`; `sampleSeconds` is the raw bucket. */
  guestSeries(uuid: string, range: MetricRange, nowMs: number, sampleSeconds: number) {
    return readGuestSeries(this.store, this.#sourceIds.get(uuid)?.id, {
      range,
      nowMs,
      sampleSeconds,
    });
  }

  /** Ticks of samples waiting for metrics.db's lock. */
  get pendingTicks(): number {
    return this.#pending.length;
  }

  /**
   * Rolls every complete minute of raw samples into samples_1m and every complete hour of
   * those into samples_1h, from where the last rollup stopped (so after downtime the gap is
   * caught up once). Works in slices of sources and yields between them.
   */
  async rollup(nowMs: number): Promise<void> {
    const now = Math.floor(nowMs / 1000);
    const ids = () => this.sources().map((s) => s.id);
    await rollInto(this.store, ids, {
      resolution: "1m",
      from: "samples_raw",
      into: "samples_1m",
      bucket: 60,
      raw: true,
      now,
    });
    await rollInto(this.store, ids, {
      resolution: "1h",
      from: "samples_1m",
      into: "samples_1h",
      bucket: 3600,
      raw: false,
      now,
    });
    await rollupGuest(this.store, ids, now);
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
    const ids = this.sources().map((s) => s.id);
    const deleted = await deleteOldRows(this.store, ids, policy, now, { raw, rollups });
    const guest = await deleteOldRows(
      this.store,
      ids,
      policy,
      now,
      { raw, rollups },
      GUEST_TABLES,
      GUEST_CHUNK_SECONDS,
    );
    for (const k of ["raw", "minute", "hour"] as const) deleted[k] += guest[k];
    if (rollups) deleteEmptySources(this.store, (uuid) => this.#sourceIds.delete(uuid));
    return deleted;
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
    return readSeries(this.store, this.#sourceIds.get(uuid)?.id, {
      range,
      nowMs,
      withIo,
      tickSeconds: this.tickSeconds,
    });
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

/** Rows per multi-row INSERT (9 parameters each, far below SQLite's limit of 32,766). */
const INSERT_BATCH = 64;

/**
 * An INSERT of `rows` raw samples. Two ticks in one second (short ticks, a slow bulk call) share
 * a row: it keeps the figures the later reading lacks, e.g. the memory and disk of a slow reading.
 */
function insertRawSql(rows: number): string {
  const one = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
  return `INSERT INTO samples_raw (source, ts, ${COLUMNS}) VALUES ${
    Array(rows).fill(one).join(", ")
  } ON CONFLICT (source, ts) DO UPDATE SET ${
    COLUMNS.split(", ").map((c) => `${c} = coalesce(excluded.${c}, ${c})`).join(", ")
  }`;
}
