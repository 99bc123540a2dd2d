// The delivery queue: each notification for each target is a row of the app store before
// anything is sent, tried at once, then again with growing delays until it is sent or given up.
// A target that does not answer holds one slot at a time and the others go on; a row still
// pending when the server stops is tried again as soon as it starts (at least once, never lost).

import { isStoreBusy, type Store } from "../store.ts";
import type { NotifyEvent } from "../../shared/notify.ts";
import type { StoredTarget } from "./records.ts";

export interface QueueOptions {
  store: Store;
  /** The target with its secret; undefined when it is gone (its rows go too). */
  target: (id: string) => StoredTarget | undefined;
  /** Sends one event to one target; throws saying why not. */
  send: (target: StoredTarget, event: NotifyEvent) => Promise<void>;
  /** Work to do at each tick besides deliveries (digests falling due). */
  onTick?: (now: number) => void;
  now?: () => number;
  /** The first retry's delay; each next one doubles, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts before a delivery is given up ("failed"). */
  maxAttempts?: number;
  /** How often due rows are looked for. */
  tickMs?: number;
  /** Attempts under way at once (one per target). */
  concurrency?: number;
}

export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 3_600_000;
/** About a day of tries at the longest delay. */
export const MAX_ATTEMPTS = 30;
/** Sent and failed rows kept per target, the newest (the last result reads them). */
const KEEP_DONE = 50;

/** The delay before attempt `attempts + 1`, after `attempts` failed. */
export function backoff(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export class DeliveryQueue {
  #o: Required<Omit<QueueOptions, "onTick">> & Pick<QueueOptions, "onTick">;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  /** Targets with an attempt under way, and the attempts. */
  #busy = new Set<string>();
  #attempts = new Set<Promise<void>>();

  constructor(opts: QueueOptions) {
    // Spelled out: a caller's `now: undefined` must not replace the default.
    this.#o = {
      ...opts,
      now: opts.now ?? (() => Date.now()),
      baseDelayMs: opts.baseDelayMs ?? BASE_DELAY_MS,
      maxDelayMs: opts.maxDelayMs ?? MAX_DELAY_MS,
      maxAttempts: opts.maxAttempts ?? MAX_ATTEMPTS,
      tickMs: opts.tickMs ?? 1000,
      concurrency: opts.concurrency ?? 4,
    };
  }

  get #db() {
    return this.#o.store.db;
  }

  /** Queues `event` for target `targetId` (on behalf of rule `ruleId`); sent at the next tick. */
  enqueue(targetId: string, ruleId: string | null, event: NotifyEvent): void {
    const now = this.#o.now();
    this.#o.store.write(() =>
      this.#db.prepare(
        `INSERT INTO notify_deliveries (target_id, rule_id, event, status, next_at, last_at,
           created_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
      ).run(targetId, ruleId, JSON.stringify(event), now, now, now)
    );
    this.#poke();
  }

  /**
   * Starts delivering. Rows left pending by the last run are due at once: a restart is when a
   * target that was down may be back, and its backoff would otherwise outlast the restart.
   */
  start(): void {
    this.#running = true;
    const now = this.#o.now();
    this.#write(() =>
      this.#db.prepare(
        "UPDATE notify_deliveries SET next_at = ? WHERE status = 'pending' AND next_at > ?",
      ).run(now, now)
    );
    this.#poke();
  }

  /** Stops looking for due rows and waits for the attempts under way (their rows stay). */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer ?? undefined);
    this.#timer = null;
    await Promise.all([...this.#attempts]);
  }

  /** Looks for due rows soon (now, unless a tick is about to run). */
  #poke() {
    if (!this.#running) return;
    clearTimeout(this.#timer ?? undefined);
    this.#timer = setTimeout(() => this.#tick(), 0);
  }

  #tick() {
    this.#timer = null;
    if (!this.#running) return;
    try {
      this.#o.onTick?.(this.#o.now());
      this.#startDue();
    } catch (err) {
      // Another process holds the store: the next tick tries again.
      if (!isStoreBusy(err)) console.error("notifications:", err);
    }
    if (this.#running && this.#timer === null) {
      this.#timer = setTimeout(() => this.#tick(), this.#o.tickMs);
    }
  }

  #startDue() {
    const free = this.#o.concurrency - this.#busy.size;
    if (free <= 0) return;
    const rows = this.#db.prepare(
      `SELECT id, target_id, event, attempts FROM notify_deliveries
       WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT 200`,
    ).all(this.#o.now());
    let started = 0;
    for (const row of rows) {
      if (started >= free) break;
      const targetId = String(row.target_id);
      if (this.#busy.has(targetId)) continue;
      this.#busy.add(targetId);
      started++;
      const attempt = this.#attempt(
        Number(row.id),
        targetId,
        JSON.parse(String(row.event)),
        Number(row.attempts),
      ).finally(() => {
        this.#busy.delete(targetId);
        this.#attempts.delete(attempt);
        // The target's next row need not wait for the next tick.
        this.#poke();
      });
      this.#attempts.add(attempt);
    }
  }

  async #attempt(id: number, targetId: string, event: NotifyEvent, tried: number) {
    const target = this.#o.target(targetId);
    if (!target) {
      this.#write(() => this.#db.prepare("DELETE FROM notify_deliveries WHERE id = ?").run(id));
      return;
    }
    let error: string | null = null;
    try {
      await this.#o.send(target, event);
    } catch (err) {
      error = (err as Error).message.slice(0, 1000);
    }
    const attempts = tried + 1;
    const now = this.#o.now();
    this.#write(() => {
      if (error === null) {
        this.#db.prepare(
          `UPDATE notify_deliveries SET status = 'sent', attempts = ?, last_at = ?,
             last_error = NULL WHERE id = ?`,
        ).run(attempts, now, id);
      } else {
        const givenUp = attempts >= this.#o.maxAttempts;
        this.#db.prepare(
          `UPDATE notify_deliveries SET status = ?, attempts = ?, last_at = ?, last_error = ?,
             next_at = ? WHERE id = ?`,
        ).run(
          givenUp ? "failed" : "pending",
          attempts,
          now,
          error,
          now + backoff(attempts, this.#o.baseDelayMs, this.#o.maxDelayMs),
          id,
        );
      }
      this.#db.prepare(
        `DELETE FROM notify_deliveries WHERE target_id = ? AND status != 'pending' AND id NOT IN
           (SELECT id FROM notify_deliveries WHERE target_id = ? AND status != 'pending'
            ORDER BY id DESC LIMIT ${KEEP_DONE})`,
      ).run(targetId, targetId);
    });
    if (error !== null) console.error(`Notification to ${target.name}: ${error}`);
  }

  /** A write after an attempt; a closed or busy store leaves the row pending (tried again). */
  #write(fn: () => void) {
    try {
      this.#o.store.write(fn);
    } catch (err) {
      if (!isStoreBusy(err) && !String((err as Error).message).includes("closed")) {
        console.error("notifications:", err);
      }
    }
  }

  /** Waits until no row is due and no attempt is under way (tests). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#attempts.size) {
        await Promise.all([...this.#attempts]);
        continue;
      }
      const due = this.#db.prepare(
        "SELECT 1 FROM notify_deliveries WHERE status = 'pending' AND next_at <= ? LIMIT 1",
      ).get(this.#o.now());
      if (!due) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
