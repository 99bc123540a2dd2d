// Background reads of VMs, paced: one at a time, `burst` back to back, then at most
// `readsPerSecond` (a token bucket); VMs asked for first go before the rest, and a VM that
// changes or goes while read has its answer dropped. The VM list's caches (os_cache.ts,
// pending_cache.ts) keep their answers; this only says whom to read next and when.

export interface PacedReadsOptions {
  /** The steady rate of reads once the burst is spent. */
  readsPerSecond: number;
  /** How many reads may go back to back before the rate applies (at least 1). */
  burst: number;
  /**
   * Reads one VM and keeps its answer; `current()` says, after each await, whether the answer
   * still holds (false once the VM changed or went meanwhile, or the reader was closed).
   */
  read: (id: string, current: () => boolean) => Promise<void>;
}

/** The queue and pace of one cache's background reads. */
export class PacedReads {
  readonly #rate: number;
  readonly #burst: number;
  readonly #read: PacedReadsOptions["read"];
  /** VMs to read before the rest (their definition changed). */
  #soon = new Set<string>();
  /** VMs to read in turn, in the order asked. */
  #queue = new Set<string>();
  #reading: string | null = null;
  /** The VM being read changed or went meanwhile: its answer is dropped. */
  #readStale = false;
  #tokens: number;
  #refilledAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor({ readsPerSecond, burst, read }: PacedReadsOptions) {
    this.#rate = readsPerSecond;
    this.#burst = Math.max(1, burst);
    this.#read = read;
    this.#tokens = this.#burst;
  }

  /** The VM being read now, if any. */
  get reading(): string | null {
    return this.#reading;
  }

  /** How many VMs wait for a read, the one being read included. */
  get waiting(): number {
    return this.#soon.size + this.#queue.size + (this.#reading ? 1 : 0);
  }

  /** Whether the VM waits for a read or is being read. */
  has(id: string): boolean {
    return this.#soon.has(id) || this.#queue.has(id) || this.#reading === id;
  }

  /** The VMs waiting for a read (not the one being read). */
  waitingIds(): string[] {
    return [...this.#soon, ...this.#queue];
  }

  /** Reads the VM before the rest (again, if it is being read now), and starts reading. */
  first(id: string): void {
    if (this.#reading === id) this.#readStale = true;
    this.#queue.delete(id);
    this.#soon.add(id);
    this.pump();
  }

  /** Queues the VM for a read in turn; `pump` starts reading. */
  later(id: string): void {
    this.#queue.add(id);
  }

  /** Queues each of `ids` for a read in turn and starts reading (all known, read afresh). */
  readAgain(ids: Iterable<string>): void {
    for (const id of ids) this.later(id);
    this.pump();
  }

  /** Reads the VM no more; an answer being read for it now is dropped. */
  drop(id: string): void {
    if (this.#reading === id) this.#readStale = true;
    this.#soon.delete(id);
    this.#queue.delete(id);
  }

  /** Reads the next VM when the pace allows, else sets a timer for when it will. */
  pump(): void {
    if (this.#closed || this.#reading || this.#timer !== undefined) return;
    const next = this.#soon.values().next().value ?? this.#queue.values().next().value;
    if (next === undefined) return;
    const now = performance.now();
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + (now - this.#refilledAt) / 1000 * this.#rate,
    );
    this.#refilledAt = now;
    if (this.#tokens < 1) {
      const waitMs = Math.ceil((1 - this.#tokens) / this.#rate * 1000);
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.pump();
      }, waitMs);
      return;
    }
    this.#tokens -= 1;
    this.#soon.delete(next);
    this.#queue.delete(next);
    this.#reading = next;
    this.#readStale = false;
    this.#read(next, () => !this.#closed && !this.#readStale).finally(() => {
      this.#reading = null;
      this.pump();
    });
  }

  /** Stops reading and forgets every waiting VM. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#soon.clear();
    this.#queue.clear();
  }
}
