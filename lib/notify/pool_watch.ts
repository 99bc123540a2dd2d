// "Pool above N % full": a host's active pools read every few minutes; each rise of a pool's use
// past a whole percent is published (with what it was at the last read), and the rules whose
// N it crossed send it (lib/notify/bus.ts). The first read after a start compares with 0: a pool
// that is already past a rule's N is told once then, and so is the first read once a rule for
// them exists (none is made while no rule would send what it finds).

import type { PoolSummary } from "../../shared/storage.ts";
import type { NotifyEvent } from "../../shared/notify.ts";
import { TickerTask } from "../ticker.ts";

export const POOL_CHECK_MS = 5 * 60_000;

export interface PoolWatchOptions {
  hostId: string;
  /** The host's pools (PoolService.list). */
  list: () => Promise<PoolSummary[]>;
  publish: (event: NotifyEvent) => void;
  /**
   * Whether a rule would send this host's pool-full events. While none would, the pools are not
   * read (an idle server starts no libvirt call worker every few minutes for them), and the
   * first read once one does compares with 0, as after a start.
   */
  wanted?: () => boolean;
  everyMs?: number;
  now?: () => Date;
}

/** A pool's use in percent, to one decimal; null when it has no capacity (inactive). */
export function percentOf(pool: PoolSummary): number | null {
  if (!pool.active || pool.capacityBytes <= 0) return null;
  return Math.round(pool.allocationBytes / pool.capacityBytes * 1000) / 10;
}

const GiB = 1024 ** 3;

/** Reads the pools now and then (start(), stop() and tick() are TickerTask's). */
export class PoolWatch extends TickerTask {
  #o: PoolWatchOptions;
  #last = new Map<string, number>();

  constructor(opts: PoolWatchOptions) {
    // The first read at once, each next one everyMs after the last ended.
    super(() => this.check(), {
      everyMs: () => opts.everyMs ?? POOL_CHECK_MS,
      fromStart: false,
      firstDelayMs: 0,
    });
    this.#o = opts;
  }

  /** One read of the pools; a host that does not answer is read again next time. */
  async check(): Promise<void> {
    if (this.#o.wanted && !this.#o.wanted()) {
      this.#last.clear();
      return;
    }
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
