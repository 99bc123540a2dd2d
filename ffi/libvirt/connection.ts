// The virConnect wrapper: owns one connection and the callbacks registered on it. Stats records
// (domain_stats.ts), host facts (node_info.ts) and the callbacks' bookkeeping
// (connection_callbacks.ts) live beside it; their exports are re-exported from here.

import { Domain } from "./domain.ts";
import { ConnectionCallbacks, type LifecycleHandler } from "./connection_callbacks.ts";
import { type DomainStatsRecord, type StatsAugment, takeStatsRecords } from "./domain_stats.ts";
import { check, checkPointer, ErrorCode, LibvirtError } from "./error.ts";
import { listAll } from "./list_all.ts";
import { cString, lv, outSlot } from "./library.ts";
import { HostInterface } from "./host_interface.ts";
import { Network } from "./network.ts";
import { NWFilter } from "./nwfilter.ts";
import { NodeDevice } from "./node_device.ts";
import { type NodeInfo, readNodeInfo, readNodeStats } from "./node_info.ts";
import { StoragePool } from "./storage_pool.ts";
import { StorageVol } from "./storage_vol.ts";
import { Stream } from "./stream.ts";

export {
  type DomainStatsRecord,
  ListFlags,
  marked,
  MONITOR_STUCK_MS,
  monitorStuck,
  scanning,
  type StatsAugment,
  StatsTypes,
} from "./domain_stats.ts";
import { readChecked, takeChecked } from "./returned.ts";
export type { NodeInfo } from "./node_info.ts";

/** An open off the JS thread failed; libvirt's words for why stayed on that thread. */
export class OpenedOffThread extends LibvirtError {
  constructor(readonly uri: string) {
    super(ErrorCode.NO_CONNECT, 0, `libvirt could not open ${uri}`);
  }
}

/** One libvirt connection. `close()` unregisters its callbacks, then closes; safe to call twice. */
export class Connection {
  #handle: Deno.PointerObject | null;
  #callbacks = new ConnectionCallbacks();

  private constructor(handle: Deno.PointerObject) {
    this.#handle = handle;
  }

  /** virConnectOpen. */
  static open(uri: string): Connection {
    return new Connection(checkPointer(lv().virConnectOpen(cString(uri)), "virConnectOpen"));
  }

  /**
   * virConnectOpen off the JS thread, for a connection of the main thread's. Its failure has
   * no connection to read the error from, and the thread it ran on is gone: it throws
   * OpenedOffThread, whose words a call worker can find (dispatch.openError).
   */
  static async openAsync(uri: string): Promise<Connection> {
    const name = cString(uri);
    const handle = await lv().virConnectOpenAsync(name);
    if (!handle) throw new OpenedOffThread(uri);
    return new Connection(handle);
  }

  /**
   * A reference to the connection behind `ref` (see `ref()`), taken over by this object: its
   * close() drops that reference, and closes the connection only if it was the last one.
   */
  static adopt(ref: bigint): Connection {
    const handle = Deno.UnsafePointer.create(ref);
    if (!handle) throw new LibvirtError(ErrorCode.INVALID_CONN, 0, "no connection");
    return new Connection(handle);
  }

  /**
   * One more reference to this connection (virConnectRef), as a number another thread can
   * adopt: the connection stays valid there until it drops the reference, even if this object
   * closes meanwhile. No RPC.
   */
  ref(): bigint {
    const handle = this.#ptr;
    check(lv().virConnectRef(handle), "virConnectRef");
    return BigInt(Deno.UnsafePointer.value(handle));
  }

  get #ptr(): Deno.PointerObject {
    if (!this.#handle) {
      throw new LibvirtError(ErrorCode.INVALID_CONN, 0, "connection is closed");
    }
    return this.#handle;
  }

  /** The connection's pointer, for calls made from this thread off it (off_thread.ts). */
  rawHandle(): Deno.PointerObject {
    return this.#ptr;
  }

  get isOpen(): boolean {
    return this.#handle !== null;
  }

  /** Closes the connection (one without callbacks: a worker's); safe to call twice. */
  close(): void {
    if (!this.#handle) return;
    if (this.#callbacks.registered) throw new Error("close() of a connection with callbacks");
    lv().virConnectClose(this.#handle);
    this.#handle = null;
  }

  /**
   * Deregisters the callbacks and closes the connection, off the JS thread (both may wait on
   * libvirtd). The trampolines are freed once `releaseCallbacks` runs the job it is given: an
   * event-loop iteration already in progress may still be calling one. Safe to call twice.
   */
  async closeAsync(releaseCallbacks: (job: () => void) => void): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    this.#handle = null;
    try {
      await this.#callbacks.deregister(handle);
      await lv().virConnectCloseAsync(handle);
    } finally {
      releaseCallbacks(() => this.#callbacks.release());
    }
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** virConnectIsAlive. */
  isAlive(): boolean {
    return this.#handle !== null && lv().virConnectIsAlive(this.#handle) === 1;
  }

  /** virConnectSetKeepAlive; returns false when the driver has no keepalive (local drivers). */
  setKeepAlive(intervalSeconds: number, count: number): boolean {
    return check(lv().virConnectSetKeepAlive(this.#ptr, intervalSeconds, count), "keepalive") === 0;
  }

  /**
   * virConnectRegisterCloseCallback (off the JS thread). `onClose` runs on this thread when
   * libvirt reports the connection closed (reason: virConnectCloseReason).
   */
  onClose(onClose: (reason: number) => void): Promise<void> {
    return this.#callbacks.onClose(this.#ptr, onClose);
  }

  /** Registers for VIR_DOMAIN_EVENT_ID_LIFECYCLE on every domain (off the JS thread). */
  onDomainLifecycle(handler: LifecycleHandler): Promise<void> {
    return this.#callbacks.onDomainLifecycle(this.#ptr, handler);
  }

  /**
   * Registers for storage pool lifecycle and refresh events, and network lifecycle events:
   * `handler` gets the kind and the object's name (pages re-read what they show).
   */
  onPoolAndNetworkEvents(
    handler: (kind: "pool" | "network", name: string) => void,
  ): Promise<void> {
    return this.#callbacks.onPoolAndNetworkEvents(this.#ptr, handler);
  }

  /** virConnectGetURI. */
  getURI(): string {
    return takeChecked(lv().virConnectGetURI(this.#ptr), "virConnectGetURI");
  }

  /** virConnectGetHostname. */
  getHostname(): string {
    return takeChecked(lv().virConnectGetHostname(this.#ptr), "virConnectGetHostname");
  }

  /** virConnectGetType: the hypervisor driver name, e.g. "QEMU" or "TEST". */
  getType(): string {
    return readChecked(lv().virConnectGetType(this.#ptr), "virConnectGetType");
  }

  /** virConnectGetLibVersion as major*1e6 + minor*1e3 + micro. */
  getLibVersion(): number {
    const out = outSlot();
    check(lv().virConnectGetLibVersion(this.#ptr, out), "virConnectGetLibVersion");
    return Number(out[0]);
  }

  /** virConnectGetVersion (the hypervisor's version), same encoding. */
  getVersion(): number {
    const out = outSlot();
    check(lv().virConnectGetVersion(this.#ptr, out), "virConnectGetVersion");
    return Number(out[0]);
  }

  /** virConnectGetCapabilities. */
  getCapabilities(): string {
    return takeChecked(lv().virConnectGetCapabilities(this.#ptr), "virConnectGetCapabilities");
  }

  /** virNodeGetInfo. */
  getNodeInfo(): NodeInfo {
    return readNodeInfo(this.#ptr);
  }

  /** virNodeGetFreeMemory in bytes. */
  getFreeMemory(): number {
    return Number(lv().virNodeGetFreeMemory(this.#ptr));
  }

  /**
   * virNodeGetCPUStats over all CPUs: cumulative nanoseconds by field ("kernel", "user",
   * "idle", "iowait"). Two calls: the first asks how many fields there are.
   */
  getNodeCPUStats(): Record<string, number> {
    return readNodeStats(this.#ptr, lv().virNodeGetCPUStats, "virNodeGetCPUStats");
  }

  /** virNodeGetMemoryStats of the whole host in KiB ("total", "free", "buffers", "cached"). */
  getNodeMemoryStats(): Record<string, number> {
    return readNodeStats(this.#ptr, lv().virNodeGetMemoryStats, "virNodeGetMemoryStats");
  }

  /** virConnectListAllDomains: one call, caller frees each Domain. */
  listAllDomains(flags = 0): Domain[] {
    return listAll(
      "virConnectListAllDomains",
      (out) => lv().virConnectListAllDomains(this.#ptr, out, flags),
      (p) => new Domain(p),
    );
  }

  /**
   * virConnectGetAllDomainStats: one call for every domain matching `flags`. `augment` may add
   * fields while each record's domain is still referenced.
   */
  getAllDomainStats(stats: number, flags = 0, augment?: StatsAugment): DomainStatsRecord[] {
    const out = outSlot();
    const n = check(
      lv().virConnectGetAllDomainStats(this.#ptr, stats, out, flags),
      "virConnectGetAllDomainStats",
    );
    return takeStatsRecords(Deno.UnsafePointer.create(out[0]), n, augment);
  }

  /** virDomainListGetStats for the given domains: one call. */
  getDomainStats(
    domains: Domain[],
    stats: number,
    augment?: StatsAugment,
    flags = 0,
  ): DomainStatsRecord[] {
    const list = new BigUint64Array(domains.length + 1);
    domains.forEach((d, i) => list[i] = BigInt(Deno.UnsafePointer.value(d.rawHandle())));
    const out = outSlot();
    const n = check(lv().virDomainListGetStats(list, stats, out, flags), "virDomainListGetStats");
    return takeStatsRecords(Deno.UnsafePointer.create(out[0]), n, augment);
  }

  /** virDomainLookupByUUIDString; throws NO_DOMAIN when missing. */
  lookupByUUID(uuid: string): Domain {
    return new Domain(
      checkPointer(lv().virDomainLookupByUUIDString(this.#ptr, cString(uuid)), "lookup"),
    );
  }

  /** virDomainLookupByName; throws NO_DOMAIN when missing. */
  lookupByName(name: string): Domain {
    return new Domain(checkPointer(lv().virDomainLookupByName(this.#ptr, cString(name)), "lookup"));
  }

  /** virDomainDefineXMLFlags: defines (or redefines, by UUID) a persistent domain. */
  defineDomain(xml: string, flags = 0): Domain {
    return new Domain(
      checkPointer(lv().virDomainDefineXMLFlags(this.#ptr, cString(xml), flags), "define"),
    );
  }

  /** virConnectListAllStoragePools: caller frees each pool. */
  listAllStoragePools(): StoragePool[] {
    return listAll(
      "list pools",
      (out) => lv().virConnectListAllStoragePools(this.#ptr, out, 0),
      (p) => new StoragePool(p),
    );
  }

  /** virStoragePoolLookupByName; throws NO_STORAGE_POOL when missing. */
  lookupPool(name: string): StoragePool {
    return new StoragePool(
      checkPointer(lv().virStoragePoolLookupByName(this.#ptr, cString(name)), "pool lookup"),
    );
  }

  /** virConnectListAllNetworks: caller frees each network. */
  listAllNetworks(): Network[] {
    return listAll(
      "list networks",
      (out) => lv().virConnectListAllNetworks(this.#ptr, out, 0),
      (p) => new Network(p),
    );
  }

  /** virConnectListAllNodeDevices, every capability: caller frees each device. */
  listAllNodeDevices(): NodeDevice[] {
    return listAll(
      "list node devices",
      (out) => lv().virConnectListAllNodeDevices(this.#ptr, out, 0),
      (p) => new NodeDevice(p),
    );
  }

  /** virConnectListAllInterfaces, active and inactive: caller frees each interface. */
  listAllInterfaces(): HostInterface[] {
    return listAll(
      "list interfaces",
      (out) => lv().virConnectListAllInterfaces(this.#ptr, out, 0),
      (p) => new HostInterface(p),
    );
  }

  /** virNodeDeviceLookupByName; throws NO_NODE_DEVICE when missing. */
  lookupNodeDevice(name: string): NodeDevice {
    return new NodeDevice(
      checkPointer(lv().virNodeDeviceLookupByName(this.#ptr, cString(name)), "node device lookup"),
    );
  }

  /** virNodeDeviceDefineXML: a persistent, stopped (mediated) device. */
  defineNodeDevice(xml: string): NodeDevice {
    return new NodeDevice(
      checkPointer(lv().virNodeDeviceDefineXML(this.#ptr, cString(xml), 0), "define node device"),
    );
  }

  /** virStoragePoolDefineXML: a persistent, inactive pool. */
  definePool(xml: string): StoragePool {
    return new StoragePool(
      checkPointer(lv().virStoragePoolDefineXML(this.#ptr, cString(xml), 0), "define pool"),
    );
  }

  /** virNetworkLookupByName; throws NO_NETWORK when missing. */
  lookupNetwork(name: string): Network {
    return new Network(
      checkPointer(lv().virNetworkLookupByName(this.#ptr, cString(name)), "network lookup"),
    );
  }

  /** virNetworkDefineXML: a persistent, inactive network. */
  defineNetwork(xml: string): Network {
    return new Network(
      checkPointer(lv().virNetworkDefineXML(this.#ptr, cString(xml)), "define network"),
    );
  }

  /** virNWFilterLookupByName; throws NO_NWFILTER when missing. */
  lookupNWFilter(name: string): NWFilter {
    return new NWFilter(
      checkPointer(lv().virNWFilterLookupByName(this.#ptr, cString(name)), "nwfilter lookup"),
    );
  }

  /** virNWFilterDefineXML: a new filter, or a new definition of one (applied to its users). */
  defineNWFilter(xml: string): NWFilter {
    return new NWFilter(
      checkPointer(lv().virNWFilterDefineXML(this.#ptr, cString(xml)), "define nwfilter"),
    );
  }

  /** virStreamNew, blocking (flags 0): for uploads on a worker thread. */
  newStream(): Stream {
    return new Stream(checkPointer(lv().virStreamNew(this.#ptr, 0), "virStreamNew"));
  }

  /** virStorageVolLookupByPath; throws NO_STORAGE_VOL when the path is not a volume. */
  lookupVolumeByPath(path: string): StorageVol {
    return new StorageVol(
      checkPointer(lv().virStorageVolLookupByPath(this.#ptr, cString(path)), "volume lookup"),
    );
  }
}
