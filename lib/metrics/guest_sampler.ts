// Guest detail sampling: each guest CPU's busy share and the memory breakdown, asked of our agent
// (get_usage, over its channel socket: no libvirt call) and stored in the metrics history. Only
// VMs someone is looking at are sampled — reading a VM's guest graphs watches it for WATCH_MS —
// at most WATCHED_MAX of them, every GUEST_SAMPLE_SECONDS, a few at a time. So the cost follows
// the open VM pages, never the VM count, and the collector's stats tick is untouched.

import { TickerTask } from "../ticker.ts";
import type { UsageResult } from "../../agent/protocol.ts";
import type { GuestMemoryColumn } from "../../shared/metrics.ts";
import type { GuestSample } from "./history_guest.ts";
import type { MetricsHistory } from "./history.ts";

/** Seconds between two samples of a watched VM. */
export const GUEST_SAMPLE_SECONDS = 10;
/** How long one read of a VM's guest graphs keeps it sampled (the page re-reads meanwhile). */
export const WATCH_MS = 2 * 60_000;
/** VMs sampled at most; watching one more drops the one watched least recently. */
export const WATCHED_MAX = 16;
const CONCURRENCY = 4;

export interface GuestSamplerOptions {
  history: MetricsHistory;
  /** Our agent's channel socket when it answers the heartbeat, else null (not sampled). */
  ourSocket(uuid: string): string | null;
  /** Our agent's get_usage over `socket`. */
  usage(uuid: string, socket: string): Promise<UsageResult>;
  /** Between samples, ms (GUEST_SAMPLE_SECONDS; tests drive ticks themselves). */
  intervalMs?: number;
  now?: () => number;
}

const MB = 1024 * 1024;

/** get_usage's answer as a history sample, memory in MB. */
export function sampleOf(u: UsageResult): GuestSample {
  const m = u.memory;
  const memoryMb: Record<GuestMemoryColumn, number> = {
    usedMb: m.used_bytes / MB,
    buffersMb: m.buffers_bytes / MB,
    cachedMb: m.cached_bytes / MB,
    freeMb: m.free_bytes / MB,
    availableMb: m.available_bytes / MB,
    totalMb: m.total_bytes / MB,
    swapUsedMb: m.swap_used_bytes / MB,
    swapTotalMb: m.swap_total_bytes / MB,
  };
  return { cpus: u.cpus.map((c) => ({ id: c.id, busyPercent: c.busy_percent })), memoryMb };
}

/** The seconds between samples `opts` ask for, whole. */
function sampleSecondsOf(opts: GuestSamplerOptions): number {
  return Math.round((opts.intervalMs ?? GUEST_SAMPLE_SECONDS * 1000) / 1000);
}

/** Samples the watched VMs now and then (start(), stop() and tick() are TickerTask's). */
export class GuestSampler extends TickerTask {
  #opts: GuestSamplerOptions;
  #now: () => number;
  /** Watched VMs by UUID: their name (for the history's sources) and until when. */
  #watched = new Map<string, { name: string; until: number }>();
  /** Samples stored and failed, for tests and the benchmark. */
  readonly stats = { ticks: 0, samples: 0, failures: 0 };

  constructor(opts: GuestSamplerOptions) {
    // A sample's interval counts from the end of the last, the first one interval after start.
    super(() => this.#tick(), {
      everyMs: () => sampleSecondsOf(opts) * 1000,
      fromStart: false,
      firstDelayMs: sampleSecondsOf(opts) * 1000,
    });
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
  }

  get sampleSeconds(): number {
    return sampleSecondsOf(this.#opts);
  }

  /** Samples this VM for the next WATCH_MS; a VM newly watched is sampled at once. */
  watch(uuid: string, name: string): void {
    const fresh = !this.#watched.has(uuid);
    this.#watched.delete(uuid);
    this.#watched.set(uuid, { name, until: this.#now() + WATCH_MS });
    // Map order is watch order: the first is the one watched least recently.
    while (this.#watched.size > WATCHED_MAX) {
      this.#watched.delete(this.#watched.keys().next().value!);
    }
    if (fresh && !this.stopped) this.#sampleOne(uuid).catch(() => {});
  }

  /** The VMs sampled now. */
  watched(): string[] {
    const now = this.#now();
    return [...this.#watched].filter(([, w]) => w.until > now).map(([uuid]) => uuid);
  }

  /** One sample of every watched VM whose agent answers; never throws. */
  async #tick(): Promise<void> {
    const now = this.#now();
    for (const [uuid, w] of this.#watched) if (w.until <= now) this.#watched.delete(uuid);
    const queue = [...this.#watched.keys()];
    const worker = async () => {
      for (let uuid = queue.shift(); uuid; uuid = queue.shift()) await this.#sampleOne(uuid);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    this.stats.ticks++;
  }

  async #sampleOne(uuid: string): Promise<void> {
    const watched = this.#watched.get(uuid);
    const socket = this.#opts.ourSocket(uuid);
    if (!watched || !socket) return;
    try {
      const usage = await this.#opts.usage(uuid, socket);
      this.#opts.history.recordGuest(this.#now(), uuid, watched.name, sampleOf(usage));
      this.stats.samples++;
    } catch {
      // An agent that stops answering shows in the heartbeat; the graph shows the gap.
      this.stats.failures++;
    }
  }
}
