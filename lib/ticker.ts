// Runs one piece of work now and then in the background: never two at once (a tick asked for
// while one runs joins it), stop() waits for the one under way. The agent heartbeat owns one; the
// stats collector, the guest sampler, the pool-use watch and the cluster watch are TickerTasks.

export interface TickerOptions {
  /** The time between ticks, read anew for each. */
  everyMs: () => number;
  /** true: from one tick's start to the next's (a steady rate); false: from its end. */
  fromStart: boolean;
  /** The wait before the first tick. */
  firstDelayMs: number;
  now?: () => number;
}

export class Ticker {
  #work: () => Promise<void>;
  #opts: TickerOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | null = null;
  #stopped = true;

  /** `work` must not throw: its failures are its own to count or log. */
  constructor(work: () => Promise<void>, opts: TickerOptions) {
    this.#work = work;
    this.#opts = opts;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Starts ticking; false when it already was. */
  start(): boolean {
    if (!this.#stopped) return false;
    this.#stopped = false;
    this.#schedule(this.#opts.firstDelayMs);
    return true;
  }

  #schedule(delay: number) {
    const now = this.#opts.now ?? Date.now;
    this.#timer = setTimeout(async () => {
      const started = now();
      await this.tick();
      if (this.#stopped) return;
      const every = this.#opts.everyMs();
      this.#schedule(this.#opts.fromStart ? Math.max(0, every - (now() - started)) : every);
    }, delay);
  }

  /** Stops ticking and waits for a tick under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** One tick now, or the one under way. */
  tick(): Promise<void> {
    this.#running ??= this.#work().finally(() => this.#running = null);
    return this.#running;
  }
}

/**
 * A background task that is one Ticker: start(), stop() and tick() are its ticker's, so each task
 * writes only its work. The stats collector, the guest sampler, the pool-use watch and the cluster
 * watch extend it.
 */
export class TickerTask {
  readonly #ticker: Ticker;

  /** `work` must not throw (as Ticker's); it may use `this`, which is set before the first tick. */
  constructor(work: () => Promise<void>, opts: TickerOptions) {
    this.#ticker = new Ticker(work, opts);
  }

  /** Not started, or stopped since. */
  get stopped(): boolean {
    return this.#ticker.stopped;
  }

  /** Ticks now and then (never two at once), the first after opts.firstDelayMs. */
  start(): void {
    this.#ticker.start();
  }

  /** Stops ticking and waits for a tick under way. */
  stop(): Promise<void> {
    return this.#ticker.stop();
  }

  /** One tick now, or the one under way. */
  tick(): Promise<void> {
    return this.#ticker.tick();
  }
}
