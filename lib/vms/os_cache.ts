// The VM list's OS column: each VM's osinfo short id, which only its domain XML holds (the bulk
// listing carries no metadata), read in the background a few VMs a second and kept until a
// libvirt event says the definition changed or went away, so listing stays one bulk call. The
// same read tells whether the VM is protected from deletion (lib/xml/protection.ts).

import type { LibvirtClient, LifecycleEvent } from "../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { PacedReads } from "./paced_reads.ts";
import { CacheEvents } from "./cache_events.ts";

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
  /** UUID → osinfo short id; null when read and the VM names none. */
  #os = new Map<string, string | null>();
  /** The VMs read and found protected. */
  #protected = new Set<string>();
  /** VMs whose definition changed read before the rest; the others in list order. */
  readonly #reads: PacedReads;
  readonly #events: CacheEvents;
  #closed = false;

  #onLifecycle = ({ uuid, event }: LifecycleEvent) => {
    if (event !== DEFINED && event !== UNDEFINED) return;
    this.#os.delete(uuid);
    this.#protected.delete(uuid);
    if (event === DEFINED) this.#reads.first(uuid);
    else this.#reads.drop(uuid);
  };

  constructor({ client, readsPerSecond = READS_PER_SECOND, burst = BURST }: OsCacheOptions) {
    this.#client = client;
    this.#events = new CacheEvents(client, {
      lifecycle: this.#onLifecycle,
      // Every known VM is read again (its old id shown meanwhile).
      reconnected: () => this.#reads.readAgain(this.#os.keys()),
    });
    this.#reads = new PacedReads({
      readsPerSecond,
      burst,
      read: (id, current) => this.#read(id, current),
    });
  }

  /**
   * Takes the VMs a list found: forgets every other VM, queues the unknown ones for a read (the
   * first call starts the cache), and answers the OS ids known so far.
   */
  listed(vms: readonly { id: string }[]): (vmId: string) => string | undefined {
    if (this.#closed) return () => undefined;
    this.#events.listen();
    const current = new Set(vms.map((vm) => vm.id));
    for (const map of [this.#os, this.#protected]) {
      for (const id of map.keys()) if (!current.has(id)) map.delete(id);
    }
    for (const id of this.#reads.waitingIds()) if (!current.has(id)) this.#reads.drop(id);
    const reading = this.#reads.reading;
    if (reading && !current.has(reading)) this.#reads.drop(reading);
    for (const id of current) {
      if (!this.#os.has(id) && !this.#reads.has(id)) this.#reads.later(id);
    }
    this.#reads.pump();
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
    return this.#reads.waiting;
  }

  /** Stops reading and forgets everything; a later `listed` answers nothing. */
  close(): void {
    this.#closed = true;
    this.#reads.close();
    this.#events.close();
    this.#os.clear();
    this.#protected.clear();
  }

  async #read(id: string, current: () => boolean): Promise<void> {
    let xml: string;
    try {
      // The persistent definition: what the wizard wrote or an XML edit replaced.
      xml = await this.#client.call("domainXml", id, XmlFlags.INACTIVE);
    } catch {
      // Gone (the next list forgets it) or libvirt unreachable: the next list asks again.
      return;
    }
    if (!current()) return;
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
