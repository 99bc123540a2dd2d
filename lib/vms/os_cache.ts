// The VM list's OS column: each VM's osinfo short id, which only its domain XML holds (the bulk
// listing carries no metadata), read in the background a few VMs a second and kept until a
// libvirt event says the definition changed or went away, so listing stays one bulk call. The
// same read tells whether the VM is protected from deletion (lib/xml/protection.ts).

import type { ConnectionState, LibvirtClient, LifecycleEvent } from "../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";

// virDomainEventType values (https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainEventType):
// DEFINED covers added, updated (a new XML), renamed and restored from a snapshot.
const DEFINED = 0;
const UNDEFINED = 1;

/** 5,000 VMs fill in about three and a half minutes; one read is a millisecond or two. */
const READS_PER_SECOND = 25;
/** Reads that may go back to back first, so a host of a few dozen VMs fills at once. */
const BURST = 25;

export interface OsCacheOptions {
  client: Pick<LibvirtClient, "call" | "addEventListener" | "removeEventListener">;
  /** The steady rate of XML reads once the burst is spent. */
  readsPerSecond?: number;
  /** How many reads may go back to back before the rate applies. */
  burst?: number;
}

/**
 * The OS ids of one connection's VMs by UUID. `listed` tells it the VMs there are now (each
 * list does): it forgets the others and reads the unknown ones' XML, one at a time, at most
 * `burst` plus `readsPerSecond` a second. A VM whose definition changes is read again first.
 */
export class OsCache {
  readonly #client: OsCacheOptions["client"];
  readonly #rate: number;
  readonly #burst: number;
  /** UUID → osinfo short id; null when read and the VM names none. */
  #os = new Map<string, string | null>();
  /** The VMs read and found protected. */
  #protected = new Set<string>();
  /** VMs whose definition changed: read before the rest. */
  #soon = new Set<string>();
  /** VMs not read yet, in list order. */
  #queue = new Set<string>();
  #reading: string | null = null;
  /** The VM being read changed or went meanwhile: its answer is dropped. */
  #readStale = false;
  #tokens: number;
  #refilledAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #listening = false;
  #closed = false;

  #onLifecycle = (e: Event) => {
    const { uuid, event } = (e as CustomEvent<LifecycleEvent>).detail;
    if (event !== DEFINED && event !== UNDEFINED) return;
    this.#os.delete(uuid);
    this.#protected.delete(uuid);
    this.#queue.delete(uuid);
    if (this.#reading === uuid) this.#readStale = true;
    if (event === DEFINED) {
      this.#soon.add(uuid);
      this.#pump();
    } else {
      this.#soon.delete(uuid);
    }
  };

  // Events of the outage were lost: every known VM is read again (its old id shown meanwhile).
  #onConnection = (e: Event) => {
    if (!(e as CustomEvent<ConnectionState>).detail.connected) return;
    for (const id of this.#os.keys()) this.#queue.add(id);
    this.#pump();
  };

  constructor({ client, readsPerSecond = READS_PER_SECOND, burst = BURST }: OsCacheOptions) {
    this.#client = client;
    this.#rate = readsPerSecond;
    this.#burst = Math.max(1, burst);
    this.#tokens = this.#burst;
  }

  /**
   * Takes the VMs a list found: forgets every other VM, queues the unknown ones for a read (the
   * first call starts the cache), and answers the OS ids known so far.
   */
  listed(vms: readonly { id: string }[]): (vmId: string) => string | undefined {
    if (this.#closed) return () => undefined;
    if (!this.#listening) {
      this.#listening = true;
      this.#client.addEventListener("lifecycle", this.#onLifecycle);
      this.#client.addEventListener("connection", this.#onConnection);
    }
    const current = new Set(vms.map((vm) => vm.id));
    for (const map of [this.#os, this.#protected, this.#soon, this.#queue]) {
      for (const id of map.keys()) if (!current.has(id)) map.delete(id);
    }
    if (this.#reading && !current.has(this.#reading)) this.#readStale = true;
    for (const id of current) {
      if (!this.#os.has(id) && !this.#soon.has(id) && id !== this.#reading) this.#queue.add(id);
    }
    this.#pump();
    return (vmId) => this.#os.get(vmId) ?? undefined;
  }

  /** The VM's osinfo short id; undefined while unknown or when it names none. */
  osOf(vmId: string): string | undefined {
    return this.#os.get(vmId) ?? undefined;
  }

  /** Whether the VM's definition, as last read, marks it protected (false while unread). */
  protectedOf(vmId: string): boolean {
    return this.#protected.has(vmId);
  }

  /** How many VMs it holds an answer for (never more than the last list's). */
  get size(): number {
    return this.#os.size;
  }

  /** How many VMs wait for a read. */
  get pending(): number {
    return this.#soon.size + this.#queue.size + (this.#reading ? 1 : 0);
  }

  /** Stops reading and forgets everything; a later `listed` answers nothing. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#client.removeEventListener("lifecycle", this.#onLifecycle);
    this.#client.removeEventListener("connection", this.#onConnection);
    this.#os.clear();
    this.#protected.clear();
    this.#soon.clear();
    this.#queue.clear();
  }

  // A token bucket: `burst` reads at once, then one each 1/rate s; one read in flight.
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
    let xml: string;
    try {
      // The persistent definition: what the wizard wrote or an XML edit replaced.
      xml = await this.#client.call("domainXml", id, XmlFlags.INACTIVE);
    } catch {
      // Gone (the next list forgets it) or libvirt unreachable: the next list asks again.
      return;
    }
    if (this.#closed || this.#readStale) return;
    let os: string | null = null;
    let marked = false;
    try {
      const info = parseDomainXml(xml);
      os = info.osVariant ?? null;
      marked = Boolean(info.protected);
    } catch {
      // XML libvirt accepted but we cannot read: no OS to show, and no point asking again.
    }
    this.#os.set(id, os);
    if (marked) this.#protected.add(id);
    else this.#protected.delete(id);
  }
}
