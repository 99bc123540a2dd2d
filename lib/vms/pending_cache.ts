// The VM list's "Changes pending" flag: whether a running VM's definition differs from what runs
// (pending.ts). That takes both XML documents per VM (about a millisecond with their parsing),
// too much for every list of a big host, so running VMs are compared in the background a few a
// second and the answer kept until a lifecycle event, an edit through this server or its age
// says to compare again; listing stays one bulk call.

import type { LibvirtClient, LifecycleEvent } from "../../ffi/libvirt/client.ts";
import { domainPending } from "./pending.ts";
import { PacedReads } from "./paced_reads.ts";
import { CacheEvents } from "./cache_events.ts";

// virDomainEventType (https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainEventType).
const DEFINED = 0;
const UNDEFINED = 1;
const STARTED = 2;
const STOPPED = 5;

/** Comparisons a second once the burst is spent: each is two XML reads and their parsing. */
const READS_PER_SECOND = 10;
const BURST = 25;
/**
 * How long an answer stands before the VM is compared again: libvirt sends no event for a
 * change to the definition alone (`virsh setvcpus --config`), so one made outside this server
 * shows within this long (or at once on the VM's page, which compares afresh).
 */
const MAX_AGE_MS = 5 * 60_000;

export interface PendingCacheOptions {
  client: Pick<LibvirtClient, "call" | "addEventListener" | "removeEventListener">;
  readsPerSecond?: number;
  burst?: number;
  maxAgeMs?: number;
  now?: () => number;
}

/** Whether each running VM of one connection has changes pending, by UUID, as far as compared. */
export class PendingCache {
  readonly #client: PendingCacheOptions["client"];
  readonly #maxAge: number;
  readonly #now: () => number;
  /** UUID → whether changes wait, and when that was found. */
  #known = new Map<string, { pending: boolean; at: number }>();
  /** VMs whose definition changed compared before the rest; the others in list order. */
  readonly #reads: PacedReads;
  readonly #events: CacheEvents;
  #closed = false;

  #onLifecycle = ({ uuid, event }: LifecycleEvent) => {
    if (event === STARTED) {
      // A start reads the definition: what runs is what the next boot would be.
      this.set(uuid, false);
    } else if (event === DEFINED) {
      this.changed(uuid);
    } else if (event === STOPPED || event === UNDEFINED) {
      this.#forget(uuid);
    }
  };

  constructor(
    {
      client,
      readsPerSecond = READS_PER_SECOND,
      burst = BURST,
      maxAgeMs = MAX_AGE_MS,
      now = Date.now,
    }: PendingCacheOptions,
  ) {
    this.#client = client;
    this.#events = new CacheEvents(client, {
      lifecycle: this.#onLifecycle,
      // Every known VM is compared again.
      reconnected: () => this.#reads.readAgain(this.#known.keys()),
    });
    this.#maxAge = maxAgeMs;
    this.#now = now;
    this.#reads = new PacedReads({
      readsPerSecond,
      burst,
      read: (id, current) => this.#read(id, current),
    });
  }

  /**
   * Takes the VMs a list found: forgets the others and the ones not running, queues running ones
   * not compared yet (or too long ago), and answers whether changes wait, as far as known.
   */
  listed(
    vms: readonly { id: string; state: string }[],
  ): (vmId: string) => boolean | undefined {
    if (this.#closed) return () => undefined;
    this.#events.listen();
    // A paused VM keeps what it runs: its changes wait all the same.
    const up = new Set(vms.filter((vm) => vm.state !== "stopped").map((vm) => vm.id));
    for (const id of [...this.#known.keys(), ...this.#reads.waitingIds()]) {
      if (!up.has(id)) this.#forget(id);
    }
    const stale = this.#now() - this.#maxAge;
    for (const id of up) {
      const known = this.#known.get(id);
      if ((!known || known.at < stale) && !this.#reads.has(id)) this.#reads.later(id);
    }
    this.#reads.pump();
    return (vmId) => this.#known.get(vmId)?.pending;
  }

  /** What a fresh comparison found (the VM's page makes one): the list shows it at once. */
  set(uuid: string, pending: boolean): void {
    if (this.#closed) return;
    this.#reads.drop(uuid);
    this.#known.set(uuid, { pending, at: this.#now() });
  }

  /** The VM's definition changed (an edit through this server): compare it again first. */
  changed(uuid: string): void {
    if (this.#closed) return;
    this.#known.delete(uuid);
    this.#reads.first(uuid);
  }

  /** The answer known now, if any. */
  pendingOf(uuid: string): boolean | undefined {
    return this.#known.get(uuid)?.pending;
  }

  /** How many VMs wait for a comparison. */
  get waiting(): number {
    return this.#reads.waiting;
  }

  close(): void {
    this.#closed = true;
    this.#reads.close();
    this.#events.close();
    this.#known.clear();
  }

  #forget(uuid: string): void {
    this.#known.delete(uuid);
    this.#reads.drop(uuid);
  }

  async #read(id: string, current: () => boolean): Promise<void> {
    let pending: boolean;
    try {
      pending = (await domainPending({ client: this.#client, id })).length > 0;
    } catch {
      // Gone, libvirt unreachable or XML we cannot read: the next list asks again.
      return;
    }
    if (!current()) return;
    this.#known.set(id, { pending, at: this.#now() });
  }
}
