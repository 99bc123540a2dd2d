// "Pool above N % full": a host's active pools read every few minutes; each rise of a pool's use
// past a whole percent is published (with what it was at the last read), and the rules whose
// N it crossed send it (lib/notify/bus.ts). The first read after a start compares with 0: a pool
// that is already past a rule's N is told once then.

import type { PoolSummary } from "../../shared/storage.ts";
import type { NotifyEvent } from "../../shared/notify.ts";

export const POOL_CHECK_MS = 5 * 60_000;

export interface PoolWatchOptions {
  hostId: string;
  /** The host's pools (PoolService.list). */
  list: () => Promise<PoolSummary[]>;
  publish: (event: NotifyEvent) => void;
  everyMs?: number;
  now?: () => Date;
}

/** A pool's use in percent, to one decimal; null when it has no capacity (inactive). */
export function percentOf(pool: PoolSummary): number | null {
  if (!pool.active || pool.capacityBytes <= 0) return null;
  return Math.round(pool.allocationBytes / pool.capacityBytes * 1000) / 10;
}

const GiB = 1024 ** 3;

export class PoolWatch {
  #o: PoolWatchOptions;
  #last = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #checking: Promise<void> | null = null;

  constructor(opts: PoolWatchOptions) {
    this.#o = opts;
  }

  start(): void {
    this.#running = true;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer ?? undefined);
    await this.#checking;
  }

  #schedule(ms: number) {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#checking = this.check().finally(() => {
        this.#checking = null;
        this.#schedule(this.#o.everyMs ?? POOL_CHECK_MS);
      });
    }, ms);
  }

  /** One read of the pools; a host that does not answer is read again next time. */
  async check(): Promise<void> {
    let pools: PoolSummary[];
    try {
      pools = await this.#o.list();
    } catch {
      return;
    }
    for (const pool of pools) {
      const percent = percentOf(pool);
      if (percent === null) continue;
      const previous = this.#last.get(pool.name) ?? 0;
      this.#last.set(pool.name, percent);
      if (Math.floor(percent) <= Math.floor(previous)) continue;
      const free = (pool.availableBytes / GiB).toFixed(1);
      this.#o.publish({
        kind: "pool-full",
        severity: percent >= 95 ? "critical" : "warning",
        hostId: this.#o.hostId,
        title: `Storage pool ${pool.name} is ${percent} % full`,
        text: `Pool ${pool.name} uses ${percent} % of its capacity; ${free} GiB are free.`,
        at: (this.#o.now?.() ?? new Date()).toISOString(),
        percent,
        previousPercent: previous,
      });
    }
  }
}
