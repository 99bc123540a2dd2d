// The VM list's "Changes pending" flag: whether a running VM's definition differs from what runs
// (pending.ts). That takes both XML documents per VM (about a millisecond with their parsing),
// too much for every list of a big host, so running VMs are compared in the background a few a
// second and the answer kept until a lifecycle event, an edit through this server or its age
// says to compare again; listing stays one bulk call.

import type { ConnectionState, LibvirtClient, LifecycleEvent } from "../../ffi/libvirt/client.ts";
import { domainPending } from "./pending.ts";

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
  readonly #rate: number;
  readonly #burst: number;
  readonly #maxAge: number;
  readonly #now: () => number;
  /** UUID → whether changes wait, and when that was found. */
  #known = new Map<string, { pending: boolean; at: number }>();
  /** VMs to compare before the rest (a definition changed). */
  #soon = new Set<string>();
  #queue = new Set<string>();
  #reading: string | null = null;
  #readStale = false;
  #tokens: number;
  #refilledAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #listening = false;
  #closed = false;

  #onLifecycle = (e: Event) => {
    const { uuid, event } = (e as CustomEvent<LifecycleEvent>).detail;
    if (event === STARTED) {
      // A start reads the definition: what runs is what the next boot would be.
      this.set(uuid, false);
    } else if (event === DEFINED) {
      this.changed(uuid);
    } else if (event === STOPPED || event === UNDEFINED) {
      this.#forget(uuid);
    }
  };

  // Events of the outage were lost: every known VM is compared again.
  #onConnection = (e: Event) => {
    if (!(e as CustomEvent<ConnectionState>).detail.connected) return;
    for (const id of this.#known.keys()) this.#queue.add(id);
    this.#pump();
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
    this.#rate = readsPerSecond;
    this.#burst = Math.max(1, burst);
    this.#maxAge = maxAgeMs;
    this.#now = now;
    this.#tokens = this.#burst;
  }

  /**
   * Takes the VMs a list found: forgets the others and the ones not running, queues running ones
   * not compared yet (or too long ago), and answers whether changes wait, as far as known.
   */
  listed(
    vms: readonly { id: string; state: string }[],
  ): (vmId: string) => boolean | undefined {
    if (this.#closed) return () => undefined;
    if (!this.#listening) {
      this.#listening = true;
      this.#client.addEventListener("lifecycle", this.#onLifecycle);
      this.#client.addEventListener("connection", this.#onConnection);
    }
    // A paused VM keeps what it runs: its changes wait all the same.
    const up = new Set(vms.filter((vm) => vm.state !== "stopped").map((vm) => vm.id));
    for (const id of [...this.#known.keys(), ...this.#soon, ...this.#queue]) {
      if (!up.has(id)) this.#forget(id);
    }
    const stale = this.#now() - this.#maxAge;
    for (const id of up) {
      const known = this.#known.get(id);
      if ((!known || known.at < stale) && !this.#soon.has(id) && id !== this.#reading) {
        this.#queue.add(id);
      }
    }
    this.#pump();
    return (vmId) => this.#known.get(vmId)?.pending;
  }

  /** What a fresh comparison found (the VM's page makes one): the list shows it at once. */
  set(uuid: string, pending: boolean): void {
    if (this.#closed) return;
    if (this.#reading === uuid) this.#readStale = true;
    this.#soon.delete(uuid);
    this.#queue.delete(uuid);
    this.#known.set(uuid, { pending, at: this.#now() });
  }

  /** The VM's definition changed (an edit through this server): compare it again first. */
  changed(uuid: string): void {
    if (this.#closed) return;
    if (this.#reading === uuid) this.#readStale = true;
    this.#known.delete(uuid);
    this.#queue.delete(uuid);
    this.#soon.add(uuid);
    this.#pump();
  }

  /** The answer known now, if any. */
  pendingOf(uuid: string): boolean | undefined {
    return this.#known.get(uuid)?.pending;
  }

  /** How many VMs wait for a comparison. */
  get waiting(): number {
    return this.#soon.size + this.#queue.size + (this.#reading ? 1 : 0);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#client.removeEventListener("lifecycle", this.#onLifecycle);
    this.#client.removeEventListener("connection", this.#onConnection);
    this.#known.clear();
    this.#soon.clear();
    this.#queue.clear();
  }

  #forget(uuid: string): void {
    if (this.#reading === uuid) this.#readStale = true;
    this.#known.delete(uuid);
    this.#soon.delete(uuid);
    this.#queue.delete(uuid);
  }

  // A token bucket (as os_cache.ts): `burst` comparisons at once, then one each 1/rate s.
  #pump(): void {
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
        this.#pump();
      }, waitMs);
      return;
    }
    this.#tokens -= 1;
    this.#soon.delete(next);
    this.#queue.delete(next);
    this.#read(next).finally(() => {
      this.#reading = null;
      this.#pump();
    });
  }

  async #read(id: string): Promise<void> {
    this.#reading = id;
    this.#readStale = false;
    let pending: boolean;
    try {
      pending = (await domainPending({ client: this.#client, id })).length > 0;
    } catch {
      // Gone, libvirt unreachable or XML we cannot read: the next list asks again.
      return;
    }
    if (this.#closed || this.#readStale) return;
    this.#known.set(id, { pending, at: this.#now() });
  }
}
