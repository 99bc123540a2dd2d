// The application event hub: turns libvirt lifecycle and connection events into AppEvents
// for the server-sent event stream, re-reading each VM's state so clients never see stale state,
// and re-listing every VM after a reconnect, when the events in between were lost.

import type { ConnectionState, LibvirtClient, LifecycleEvent } from "../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../ffi/libvirt/error.ts";
import { domainList, vmState } from "./vms/domains.ts";
import type { AppEvent } from "../shared/events.ts";
import type { ConnectionStatus } from "../shared/host.ts";
import { inServerLanguage } from "./i18n/scope.ts";

// virDomainEventType values (https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainEventType)
const DEFINED = 0;
const UNDEFINED = 1;
const DEFINED_ADDED = 0;

type Listener = (event: AppEvent) => void;

/** A re-list that failed while still connected (libvirtd slow just after its restart, every
 * worker busy) is tried again this often, this many times. */
const RELIST_RETRY_MS = 1000;
const RELIST_TRIES = 10;

export class EventHub {
  #listeners = new Set<Listener>();
  #client: LibvirtClient;
  #status: () => ConnectionStatus;
  // One chain per VM so re-reads for that VM finish in the order their events arrived.
  #chains = new Map<string, Promise<void>>();
  /** The VMs we know of (UUID → name); null until the first listing after connecting. */
  #known: Map<string, string> | null = null;
  /** VMs with a lifecycle event while a re-list is in flight: that event's re-read is newer. */
  #touched: Set<string> | null = null;
  /** A re-list waiting to be tried again; dropped when the connection is lost. */
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(client: LibvirtClient, status: () => ConnectionStatus) {
    this.#client = client;
    this.#status = status;
    client.addEventListener("lifecycle", (e) => {
      const ev = (e as CustomEvent<LifecycleEvent>).detail;
      this.#touched?.add(ev.uuid);
      const prev = this.#chains.get(ev.uuid) ?? Promise.resolve();
      const next = prev.then(() => this.#onLifecycle(ev)).finally(() => {
        if (this.#chains.get(ev.uuid) === next) this.#chains.delete(ev.uuid);
      });
      this.#chains.set(ev.uuid, next);
    });
    client.addEventListener("pool", (e) => {
      this.emit({ type: "storage-changed", pool: (e as CustomEvent<string>).detail });
    });
    client.addEventListener("network", (e) => {
      this.emit({ type: "network-changed", network: (e as CustomEvent<string>).detail });
    });
    client.addEventListener("connection", (e) => {
      const s = (e as CustomEvent<ConnectionState>).detail;
      this.emit({ type: "connection-status-changed", status: { ...this.#status(), ...s } });
      clearTimeout(this.#retry ?? undefined);
      this.#retry = null;
      // Its vm-deleted events go to everyone: not in the language of a request that reconnected.
      if (s.connected) inServerLanguage(() => this.#relist());
    });
  }

  /** Drops a re-list waiting to be tried again (the host's services are closing). */
  close(): void {
    clearTimeout(this.#retry ?? undefined);
    this.#retry = null;
  }

  /** Adds a listener; returns its remover. */
  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  emit(event: AppEvent): void {
    if (event.type === "vm-deleted") this.#known?.delete(event.id);
    else if (event.type === "vm-created" || event.type === "vm-state-changed") {
      this.#known?.set(event.id, event.name);
    }
    for (const fn of this.#listeners) {
      try {
        fn(event);
      } catch {
        // A broken subscriber must not stop the others.
      }
    }
  }

  async #onLifecycle(ev: LifecycleEvent): Promise<void> {
    if (ev.event === DEFINED && ev.detail === DEFINED_ADDED) {
      this.emit({ type: "vm-created", id: ev.uuid, name: ev.name });
      return;
    }
    try {
      const now = await this.#client.call("domainState", ev.uuid);
      this.emit({
        type: "vm-state-changed",
        id: now.uuid,
        name: now.name,
        state: vmState(now.state),
      });
    } catch (err) {
      // Gone: undefined, or a transient VM that stopped.
      if (err instanceof LibvirtError && err.code === ErrorCode.NO_DOMAIN) {
        this.emit({ type: "vm-deleted", id: ev.uuid, name: ev.name });
      } else if (ev.event === UNDEFINED) {
        this.emit({ type: "vm-deleted", id: ev.uuid, name: ev.name });
      }
    }
  }

  /**
   * After a (re)connection: lifecycle events of the outage were never delivered, so every VM's
   * state now, VMs that appeared, and VMs that are gone. The first listing only learns the VMs.
   */
  async #relist(tries = 1): Promise<void> {
    const touched = this.#touched = new Set<string>();
    let vms;
    try {
      vms = await domainList({ client: this.#client });
    } catch {
      // Lost again: the next connection re-lists. Still connected: the listing itself failed
      // (libvirtd busy after its restart), and the outage's changes would stay unsaid.
      if (this.#client.state.connected && tries < RELIST_TRIES) {
        this.#retry = setTimeout(() => {
          this.#retry = null;
          inServerLanguage(() => this.#relist(tries + 1));
        }, RELIST_RETRY_MS);
      }
      return;
    } finally {
      if (this.#touched === touched) this.#touched = null;
    }
    const known = this.#known;
    this.#known = new Map(vms.map((vm) => [vm.id, vm.name]));
    if (!known) return;
    for (const vm of vms) {
      if (touched.has(vm.id)) continue;
      if (!known.has(vm.id)) this.emit({ type: "vm-created", id: vm.id, name: vm.name });
      this.emit({ type: "vm-state-changed", id: vm.id, name: vm.name, state: vm.state });
    }
    for (const [id, name] of known) {
      if (!this.#known.has(id) && !touched.has(id)) this.emit({ type: "vm-deleted", id, name });
    }
  }
}
