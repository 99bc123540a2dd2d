// When each running VM started, for the VM list's Uptime column and the VM page. libvirt's
// listing carries no start time, so it is learned three ways, never by a libvirt call per VM:
// - a "started" lifecycle event seen on this connection: its moment;
// - on this machine's libvirtd, the QEMU process's own start (qemu_process.ts, as Proxmox VE);
// - on the test driver, the connection's opening, which is when its running VMs came to be.
// Elsewhere (a remote host's VM already running when we connected) the start stays unknown.
// Events of an outage are lost, so every reconnection forgets what it knew and learns again.

import type { ConnectionState, LibvirtClient, LifecycleEvent } from "../../ffi/libvirt/client.ts";
import type { VmState } from "../../shared/vms.ts";

// virDomainEventType values (https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainEventType)
const UNDEFINED = 1;
const STARTED = 2;
const STOPPED = 5;
const CRASHED = 8;

/** VM states in which its QEMU runs and its uptime counts (a paused VM's keeps counting). */
const UP: ReadonlySet<VmState> = new Set<VmState>(["running", "paused", "suspended"]);

/** Start files read at once when a list finds many running VMs it knows nothing of. */
const READS_AT_ONCE = 8;

export interface StartTimesOptions {
  client: Pick<LibvirtClient, "uri" | "addEventListener" | "removeEventListener">;
  /** Reads a running VM's start (Unix ms) on this machine; absent where there is no way. */
  readStart?: (name: string) => Promise<number | null>;
  /** The clock (tests). */
  now?: () => number;
}

interface Listed {
  id: string;
  name: string;
  state: VmState;
}

/** The start of each running VM of one connection, by UUID, as far as it can be known. */
export class StartTimes {
  readonly #client: StartTimesOptions["client"];
  readonly #readStart: StartTimesOptions["readStart"];
  readonly #now: () => number;
  readonly #testDriver: boolean;
  /** UUID → start (Unix ms); null when looked for and not knowable. */
  #started = new Map<string, number | null>();
  /** Running VMs waiting for their start to be read, UUID → name. */
  #queue = new Map<string, string>();
  #reading = 0;
  /** When the connection last opened; null before (or while closed). */
  #connectedAt: number | null = null;
  /** Bumped on each reconnection: a read begun before it answers for a past connection. */
  #epoch = 0;
  #closed = false;

  #onLifecycle = (e: Event) => {
    const { uuid, event } = (e as CustomEvent<LifecycleEvent>).detail;
    if (event === STARTED) {
      this.#started.set(uuid, this.#now());
      this.#queue.delete(uuid);
    } else if (event === STOPPED || event === CRASHED || event === UNDEFINED) {
      this.#started.delete(uuid);
      this.#queue.delete(uuid);
    }
  };

  #onConnection = (e: Event) => {
    const { connected } = (e as CustomEvent<ConnectionState>).detail;
    this.#epoch++;
    this.#started.clear();
    this.#queue.clear();
    this.#connectedAt = connected ? this.#now() : null;
  };

  constructor({ client, readStart, now = Date.now }: StartTimesOptions) {
    this.#client = client;
    this.#readStart = readStart;
    this.#now = now;
    this.#testDriver = client.uri.startsWith("test:");
    // From the start, before the client connects: the first connection's moment is needed.
    client.addEventListener("lifecycle", this.#onLifecycle);
    client.addEventListener("connection", this.#onConnection);
  }

  /**
   * Takes the VMs a list found: forgets the ones not up, starts reading the unknown ones, and
   * answers each VM's uptime in whole seconds as far as known now.
   */
  listed(vms: readonly Listed[]): (vmId: string) => number | undefined {
    if (this.#closed) return () => undefined;
    const up = new Set<string>();
    for (const vm of vms) {
      if (!UP.has(vm.state)) continue;
      up.add(vm.id);
      if (!this.#started.has(vm.id) && !this.#queue.has(vm.id)) this.#learn(vm.id, vm.name);
    }
    for (const id of this.#started.keys()) if (!up.has(id)) this.#started.delete(id);
    for (const id of this.#queue.keys()) if (!up.has(id)) this.#queue.delete(id);
    this.#pump();
    const now = this.#now();
    return (vmId) => this.#uptime(vmId, now);
  }

  /** One VM's uptime in whole seconds; read first when unknown (the VM page). */
  async uptimeOf(vm: Listed): Promise<number | undefined> {
    if (this.#closed || !UP.has(vm.state)) return undefined;
    if (!this.#started.has(vm.id)) {
      this.#queue.delete(vm.id);
      if (this.#readStart) await this.#read(vm.id, vm.name);
      else this.#learn(vm.id, vm.name);
    }
    return this.#uptime(vm.id, this.#now());
  }

  /** How many VMs it holds a start for. */
  get size(): number {
    return this.#started.size;
  }

  /** Stops listening and forgets everything. */
  close(): void {
    this.#closed = true;
    this.#client.removeEventListener("lifecycle", this.#onLifecycle);
    this.#client.removeEventListener("connection", this.#onConnection);
    this.#started.clear();
    this.#queue.clear();
  }

  #uptime(vmId: string, now: number): number | undefined {
    const at = this.#started.get(vmId);
    return at == null ? undefined : Math.max(0, Math.floor((now - at) / 1000));
  }

  // A VM up and unknown: read where there is a way, the connection's moment on the test driver.
  #learn(id: string, name: string): void {
    if (this.#readStart) this.#queue.set(id, name);
    else this.#started.set(id, this.#testDriver ? this.#connectedAt : null);
  }

  #pump(): void {
    while (this.#reading < READS_AT_ONCE && this.#queue.size && !this.#closed) {
      const [id, name] = this.#queue.entries().next().value!;
      this.#queue.delete(id);
      this.#reading++;
      this.#read(id, name).finally(() => {
        this.#reading--;
        this.#pump();
      });
    }
  }

  async #read(id: string, name: string): Promise<void> {
    const epoch = this.#epoch;
    const at = await this.#readStart!(name).catch(() => null);
    // An event or a reconnection meanwhile knows better than this read.
    if (this.#closed || epoch !== this.#epoch || this.#started.has(id)) return;
    this.#started.set(id, at);
  }
}
