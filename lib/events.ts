// The application event hub: turns libvirt lifecycle and connection events into AppEvents
// for the server-sent event stream, re-reading each VM's state so clients never see stale state
// and telling each state once, and re-listing every VM after a reconnect, when the events in
// between were lost.

import type { ConnectionState, LibvirtClient, LifecycleEvent } from "../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../ffi/libvirt/error.ts";
import { reasonOf, vmState, vmStates } from "./vms/domains.ts";
import type { AppEvent } from "../shared/events.ts";
import type { ConnectionStatus } from "../shared/host.ts";
import type { VmState } from "../shared/vms.ts";
import type { VmStateReason } from "../shared/vm_state_reason.ts";
import { inServerLanguage } from "./i18n/scope.ts";

// virDomainEventType values (https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainEventType)
const DEFINED = 0;
const UNDEFINED = 1;
const DEFINED_ADDED = 0;

/**
 * The state each virDomainEventType says the VM went to; SHUTDOWN (6, the guest finished
 * shutting down, QEMU still running until STOPPED follows) says none. libvirt's QEMU driver tells
 * one change more than once: a start is RESUMED (unpaused) then STARTED (booted), a stop
 * SHUTDOWN (finished) then STOPPED.
 */
const EVENT_STATE: Record<number, VmState | undefined> = {
  2: "running", // STARTED
  3: "paused", // SUSPENDED
  4: "running", // RESUMED
  5: "stopped", // STOPPED
  7: "suspended", // PMSUSPENDED
  8: "crashed", // CRASHED
};

/** A VM we know of: its name, and the state (and its reason) last told of it (none yet after a
 * vm-created). */
interface Known {
  name: string;
  state?: VmState;
  stateReason?: VmStateReason;
}

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
  /** The VMs we know of (by UUID); null until the first listing after connecting. */
  #known: Map<string, Known> | null = null;
  /** VMs with a lifecycle event while a re-list is in flight: that event's re-read is newer. */
  #touched: Set<string> | null = null;
  /** A re-list waiting to be tried again; dropped when the connection is lost. */
  #retry: ReturnType<typeof setTimeout> | null = null;
  /** A connection came before this one: its listing is a re-list, told even when the first
   * listing never finished (libvirtd lost while it ran, `#known` still null). */
  #reconnected = false;
  #everConnected = false;

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
      if (!s.connected) return;
      this.#reconnected = this.#everConnected;
      this.#everConnected = true;
      inServerLanguage(() => this.#relist());
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

  /**
   * The UUID of the one VM known by `name` (from the last listing and the events since), or
   * undefined when none or several are: for reads that need not wait on libvirt.
   */
  idOf(name: string): string | undefined {
    let found: string | undefined;
    for (const [id, vm] of this.#known ?? []) {
      if (vm.name !== name) continue;
      if (found !== undefined) return undefined;
      found = id;
    }
    return found;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  emit(event: AppEvent): void {
    if (event.type === "vm-deleted") this.#known?.delete(event.id);
    else if (event.type === "vm-created") this.#known?.set(event.id, { name: event.name });
    else if (event.type === "vm-state-changed") {
      this.#known?.set(event.id, {
        name: event.name,
        state: event.state,
        stateReason: event.stateReason,
      });
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
      const state = vmState(now.state);
      const reason = reasonOf(now.state, now.reason);
      if (this.#toldAlready(ev, now.name, state, reason.stateReason)) return;
      this.emit({ type: "vm-state-changed", id: now.uuid, name: now.name, state, ...reason });
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
   * True when the stream has told this VM's `name`, `state` and its reason already and the event
   * passed through no other state: the second event of one change. A definition's events (a config
   * change) are always told. A VM that went elsewhere and came back before its re-read (a stop
   * and a start) is told again, so clients re-read it.
   */
  #toldAlready(
    ev: LifecycleEvent,
    name: string,
    state: VmState,
    reason: VmStateReason | undefined,
  ): boolean {
    if (ev.event === DEFINED || ev.event === UNDEFINED) return false;
    const told = this.#known?.get(ev.uuid);
    if (told?.state === undefined || told.name !== name || told.state !== state) return false;
    if (told.stateReason !== reason) return false;
    const went = EVENT_STATE[ev.event];
    return went === undefined || went === state;
  }

  /**
   * After a (re)connection: lifecycle events of the outage were never delivered, so every VM's
   * state now, VMs that appeared, and VMs that are gone. The first listing only learns the VMs.
   * A reconnect with nothing learnt (the first listing was cut off) tells every VM's state, and
   * no VM as created or gone, since none is known to have been either.
   */
  async #relist(tries = 1): Promise<void> {
    const touched = this.#touched = new Set<string>();
    let vms;
    try {
      vms = await vmStates({ client: this.#client });
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
    // A VM whose event came during the listing keeps what that event told: the listing is older.
    this.#known = new Map(vms.map((vm) => [
      vm.id,
      touched.has(vm.id)
        ? known?.get(vm.id) ?? { name: vm.name }
        : { name: vm.name, state: vm.state, stateReason: vm.stateReason },
    ]));
    if (!known && !this.#reconnected) return;
    for (const vm of vms) {
      if (touched.has(vm.id)) continue;
      if (known && !known.has(vm.id)) this.emit({ type: "vm-created", id: vm.id, name: vm.name });
      this.emit({
        type: "vm-state-changed",
        id: vm.id,
        name: vm.name,
        state: vm.state,
        ...(vm.stateReason ? { stateReason: vm.stateReason } : {}),
      });
    }
    for (const [id, { name }] of known ?? []) {
      if (!this.#known.has(id) && !touched.has(id)) this.emit({ type: "vm-deleted", id, name });
    }
  }
}
