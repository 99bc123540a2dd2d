// The IP addresses column of the VM list: kept from the last look at each guest and refreshed
// in the background while someone watches, so listing stays one bulk libvirt call.

import type { LibvirtClient, LifecycleEvent } from "../../ffi/libvirt/client.ts";
import type { GuestInterface } from "../../shared/guest.ts";
import { BOUNDS } from "./bounds.ts";

/**
 * Non-loopback, non-link-local addresses: IPv4 first, then IPv6, each in interface order; at most
 * BOUNDS.listedAddresses of them (the VM list shows every VM's to every viewer).
 */
export function flattenAddresses(interfaces: GuestInterface[]): string[] {
  const all = interfaces.filter((i) => i.name !== "lo").flatMap((i) => i.addresses);
  const usable = all.filter((a) =>
    !(a.family === "ipv4" && a.address.startsWith("127.")) &&
    !(a.family === "ipv6" && (a.address === "::1" || /^fe80:/i.test(a.address)))
  );
  return [
    ...usable.filter((a) => a.family === "ipv4"),
    ...usable.filter((a) => a.family === "ipv6"),
  ].slice(0, BOUNDS.listedAddresses).map((a) => a.address);
}

// virDomainEventType values the refresher reacts to.
const STARTED = 2;
const RESUMED = 4;
const STOPPED = 5;
const CRASHED = 8;
const UNDEFINED = 1;

/** After a start the guest needs a while for DHCP and its agents; look again then. */
const AFTER_START_MS = [10_000, 30_000, 90_000];
const SWEEP_MS = 60_000;
const CONCURRENCY = 2;

export interface AddressRefresherOptions {
  client: LibvirtClient;
  refresh(uuid: string): Promise<void>;
  forget(uuid: string): void;
  /** True while someone could see the result (a browser holds the event stream). */
  watching(): boolean;
}

/**
 * Refreshes running VMs' addresses: a few times after each start, and every minute while
 * someone watches (a browser is connected), two VMs at a time.
 */
export class AddressRefresher {
  #opts: AddressRefresherOptions;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #sweep: ReturnType<typeof setInterval> | undefined;
  #sweeping = false;
  #onLifecycle = (e: Event) => {
    const ev = (e as CustomEvent<LifecycleEvent>).detail;
    if (ev.event === STOPPED || ev.event === CRASHED || ev.event === UNDEFINED) {
      this.#opts.forget(ev.uuid);
    } else if (ev.event === STARTED || ev.event === RESUMED) {
      for (const ms of AFTER_START_MS) {
        const t = setTimeout(() => {
          this.#timers.delete(t);
          this.#opts.refresh(ev.uuid).catch(() => {});
        }, ms);
        this.#timers.add(t);
      }
    }
  };

  constructor(opts: AddressRefresherOptions) {
    this.#opts = opts;
  }

  start(): void {
    this.#opts.client.addEventListener("lifecycle", this.#onLifecycle);
    this.#sweep = setInterval(() => {
      if (this.#opts.watching()) this.sweep().catch(() => {});
    }, SWEEP_MS);
  }

  /** Refreshes every running VM once. */
  async sweep(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      const running = await this.#opts.client.read("runningDomainIds");
      const queue = [...running];
      const worker = async () => {
        for (let uuid = queue.shift(); uuid; uuid = queue.shift()) {
          await this.#opts.refresh(uuid).catch(() => {});
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      this.#sweeping = false;
    }
  }

  close(): void {
    this.#opts.client.removeEventListener("lifecycle", this.#onLifecycle);
    clearInterval(this.#sweep);
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}
