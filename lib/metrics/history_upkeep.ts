// The history's background upkeep: rolling raw samples into minutes and minutes into hours,
// deleting rows past their retention window, and forgetting sources with no rows left. Each job
// works in small transactions and yields between them, so HTTP requests are answered meanwhile.
// Kept apart from history.ts, which owns the sources and the writing of samples.

import type { Store } from "../store.ts";
import type { MetricRowCounts, RetentionPolicy } from "../../shared/metrics.ts";
import { GUEST_TABLES, rollupSelect, TABLES } from "./history_schema.ts";

/** Work done between two yields to the event loop in rollups and clean-ups. */
const WORK_MS = 2;

/**
 * The longest stretch of time one rollup or delete statement covers for one source: about 4,000
 * rows at the default tick, so no single statement holds the event loop for long.
 */
const CHUNK_SECONDS = { raw: 6 * 3600, minute: 3 * 86400, hour: 180 * 86400 } as const;

/** The same for guest detail: up to 72 rows per sample (64 CPUs and the memory figures). */
export const GUEST_CHUNK_SECONDS = { raw: 1800, minute: 6 * 3600, hour: 14 * 86400 } as const;

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Runs `step` for each item in transactions of about WORK_MS each, yielding to the event
 * loop between them, so HTTP requests are answered while a long job runs.
 */
export async function inSlices<T>(store: Store, items: Iterable<T>, step: (item: T) => void) {
  const it = items[Symbol.iterator]();
  let next = it.next();
  while (!next.done) {
    const started = performance.now();
    store.write(() => {
      do {
        step(next.value as T);
        next = it.next();
      } while (!next.done && performance.now() - started < WORK_MS);
    });
    if (!next.done) await yieldToEventLoop();
  }
}

export function doneUntil(store: Store, resolution: string): number | null {
  const row = store.db.prepare("SELECT done_until FROM rollup_state WHERE resolution = ?")
    .get(resolution);
  return row ? Number(row.done_until) : null;
}

/**
 * Rolls every complete `bucket` of `from` into `into` for the sources `ids`, from where the last
 * rollup of `resolution` stopped (so after downtime the gap is caught up once) up to `now`.
 */
export function rollInto(
  store: Store,
  ids: () => number[],
  { resolution, from, into, bucket, raw, now }: {
    resolution: "1m" | "1h";
    from: string;
    into: string;
    bucket: number;
    raw: boolean;
    now: number;
  },
): Promise<void> {
  return rollUp(store, ids, {
    resolution,
    from,
    bucket,
    now,
    chunk: CHUNK_SECONDS[raw ? "raw" : "minute"],
    insertSql:
      `INSERT OR REPLACE INTO ${into} (source, ts, n_cpu, n_mem, n_disk, n_net, cpu, cpu_max,
      mem_used, mem_used_max,
      mem_total, disk_rd, disk_rd_max, disk_wr, disk_wr_max, net_rx, net_rx_max, net_tx,
      net_tx_max) ${rollupSelect(from, bucket, raw)}`,
  });
}

/**
 * One rollup, host or guest alike: runs `insertSql` (taking source, from, until) over every
 * source for each `chunk` seconds not yet rolled into `resolution` (from where its last rollup
 * stopped, else from the oldest row of `from`) up to the last whole `bucket` before `now`, then
 * records where it stopped.
 */
export async function rollUp(
  store: Store,
  ids: () => number[],
  { resolution, from, bucket, now, chunk, insertSql }: {
    resolution: string;
    from: string;
    bucket: number;
    now: number;
    chunk: number;
    insertSql: string;
  },
): Promise<void> {
  const db = store.db;
  const to = Math.floor(now / bucket) * bucket;
  let start = doneUntil(store, resolution);
  if (start === null) {
    // Each source's oldest row is one index seek; min(ts) over the table would scan it all.
    const oldest = db.prepare(
      `SELECT min((SELECT min(ts) FROM ${from} WHERE source = s.id)) AS ts FROM sources s`,
    ).get()?.ts;
    if (oldest === null || oldest === undefined) return;
    start = Math.floor(Number(oldest) / bucket) * bucket;
  }
  if (start >= to) return;
  const insert = db.prepare(insertSql);
  const sourceIds = ids();
  for (let a = start; a < to; a += chunk) {
    const until = Math.min(to, a + chunk);
    await inSlices(store, sourceIds, (id) => insert.run(id, a, until));
  }
  store.write(() =>
    db.prepare(
      `INSERT INTO rollup_state (resolution, done_until) VALUES (?, ?)
       ON CONFLICT (resolution) DO UPDATE SET done_until = excluded.done_until`,
    ).run(resolution, to)
  );
}

/**
 * Deletes the rows of sources `ids` older than the policy's windows at `now` (seconds): raw
 * when `raw`, the rollups when `rollups`. One source per statement (an index range).
 */
export async function deleteOldRows(
  store: Store,
  ids: number[],
  policy: Pick<RetentionPolicy, "rawHours" | "minuteDays" | "hourDays">,
  now: number,
  { raw, rollups }: { raw: boolean; rollups: boolean },
  tables: Record<keyof MetricRowCounts, string> = TABLES,
  chunks: Record<keyof MetricRowCounts, number> = CHUNK_SECONDS,
): Promise<MetricRowCounts> {
  const deleted: MetricRowCounts = { raw: 0, minute: 0, hour: 0 };
  const jobs: [keyof MetricRowCounts, number][] = [];
  if (raw) jobs.push(["raw", now - policy.rawHours * 3600]);
  if (rollups) {
    jobs.push(["minute", now - policy.minuteDays * 86400]);
    jobs.push(["hour", now - policy.hourDays * 86400]);
  }
  const db = store.db;
  for (const [kind, before] of jobs) {
    const table = tables[kind];
    const oldest = db.prepare(`SELECT min(ts) AS ts FROM ${table} WHERE source = ?`);
    const del = db.prepare(`DELETE FROM ${table} WHERE source = ? AND ts < ?`);
    const chunk = chunks[kind];
    // Per source, from its oldest row forward in chunks: each statement stays small.
    const steps = function* () {
      for (const id of ids) {
        const first = oldest.get(id)?.ts;
        if (first === null || first === undefined) continue;
        for (let upTo = Number(first) + chunk; upTo < before; upTo += chunk) yield [id, upTo];
        yield [id, before];
      }
    };
    await inSlices(store, steps(), ([id, upTo]) => {
      deleted[kind] += Number(del.run(id, upTo).changes);
    });
  }
  return deleted;
}

/**
 * Drops sources (deleted VMs) that no table has rows for any more; `forget` hears each one's
 * UUID inside the same transaction.
 */
export function deleteEmptySources(store: Store, forget: (uuid: string) => void): void {
  const db = store.db;
  const gone = db.prepare(
    `SELECT id, uuid FROM sources s WHERE
      NOT EXISTS (SELECT 1 FROM samples_raw WHERE source = s.id) AND
      NOT EXISTS (SELECT 1 FROM samples_1m WHERE source = s.id) AND
      NOT EXISTS (SELECT 1 FROM samples_1h WHERE source = s.id) AND
      ${
      Object.values(GUEST_TABLES).map((t) => `NOT EXISTS (SELECT 1 FROM ${t} WHERE source = s.id)`)
        .join(" AND ")
    }`,
  ).all();
  if (!gone.length) return;
  store.write(() => {
    const del = db.prepare("DELETE FROM sources WHERE id = ?");
    for (const row of gone) {
      del.run(Number(row.id));
      forget(String(row.uuid));
    }
  });
}
