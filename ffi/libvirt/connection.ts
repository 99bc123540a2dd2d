// The virConnect wrapper: owns one connection and the callbacks registered on it.

import { Domain } from "./domain.ts";
import { check, checkPointer, ErrorCode, LibvirtError } from "./error.ts";
import {
  cString,
  lv,
  outSlot,
  readPointerArray,
  readString,
  takeList,
  takeString,
} from "./library.ts";
import { Network } from "./network.ts";
import { StoragePool } from "./storage_pool.ts";
import { StorageVol } from "./storage_vol.ts";
import { Stream } from "./stream.ts";
import { readTypedParams, type TypedParams } from "./typed_params.ts";

/** virDomainStatsTypes we ask for. */
export const StatsTypes = {
  STATE: 1 << 0,
  CPU_TOTAL: 1 << 1,
  BALLOON: 1 << 2,
  VCPU: 1 << 3,
  INTERFACE: 1 << 4,
  BLOCK: 1 << 5,
} as const;

/**
 * virConnectListAllDomainsFlags / GetAllDomainStats flags we use. NOWAIT: a domain whose job
 * someone else holds (a migration, a call waiting on a hung QEMU monitor) is reported with
 * what can be read without it, instead of making the call wait for the job.
 */
export const ListFlags = { ACTIVE: 1 << 0, INACTIVE: 1 << 1, NOWAIT: 1 << 29 } as const;

/** One record of a bulk stats call. */
export interface DomainStatsRecord {
  uuid: string;
  name: string;
  params: TypedParams;
  /** Set when asked to look: the domain's QEMU monitor does not answer (monitorStuck). */
  unresponsive?: true;
}

/**
 * How long one command may keep a domain's QEMU monitor busy before the domain counts as not
 * answering.
 */
export const MONITOR_STUCK_MS = 1000;

/**
 * True when virDomainGetControlInfo says the domain's monitor is broken, or occupied by one
 * command for MONITOR_STUCK_MS or more (a QEMU that stopped answering). It needs no job and
 * no monitor, so it answers while QEMU hangs. False where the driver cannot tell.
 * https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetControlInfo
 */
export function monitorStuck(dom: Domain): boolean {
  // struct _virDomainControlInfo { unsigned int state; unsigned int details;
  //                                unsigned long long stateTime; /* ms */ }
  const buf = new Uint8Array(16);
  try {
    check(lv().virDomainGetControlInfo(dom.rawHandle(), buf, 0), "virDomainGetControlInfo");
  } catch {
    return false; // a driver without it, or the domain just went away
  }
  const view = new DataView(buf.buffer);
  const state = view.getUint32(0, true);
  // virDomainControlState: 0 OK, 1 JOB (a long job, answering), 2 OCCUPIED, 3 ERROR.
  return state === 3 || (state === 2 && Number(view.getBigUint64(8, true)) >= MONITOR_STUCK_MS);
}

/** Host facts from virNodeGetInfo. */
export interface NodeInfo {
  model: string;
  memoryKiB: number;
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

type EventDeregister =
  | "virConnectDomainEventDeregisterAny"
  | "virConnectStoragePoolEventDeregisterAny"
  | "virConnectNetworkEventDeregisterAny";

type LifecycleHandler = (uuid: string, name: string, event: number, detail: number) => void;

/** One libvirt connection. `close()` unregisters its callbacks, then closes; safe to call twice. */
export class Connection {
  #handle: Deno.PointerObject | null;
  #callbacks: { close(): void }[] = [];
  /** Registered event callbacks with the function that deregisters each. */
  #eventIds: { id: number; deregister: EventDeregister }[] = [];
  #closeCallback: { close(): void; pointer: Deno.PointerObject } | null = null;

  private constructor(handle: Deno.PointerObject) {
    this.#handle = handle;
  }

  /** virConnectOpen. */
  static open(uri: string): Connection {
    return new Connection(checkPointer(lv().virConnectOpen(cString(uri)), "virConnectOpen"));
  }

  get #ptr(): Deno.PointerObject {
    if (!this.#handle) {
      throw new LibvirtError(ErrorCode.INVALID_CONN, 0, "connection is closed");
    }
    return this.#handle;
  }

  get isOpen(): boolean {
    return this.#handle !== null;
  }

  /**
   * Deregisters the callbacks and closes the connection. With `keepCallbacks`, the callback
   * trampolines stay alive until `releaseCallbacks()`: an event-loop iteration already in
   * progress may still be calling one, and releasing it under that call is undefined.
   */
  close({ keepCallbacks = false } = {}): void {
    if (this.#handle) {
      for (const { id, deregister } of this.#eventIds) lv()[deregister](this.#handle, id);
      if (this.#closeCallback) {
        lv().virConnectUnregisterCloseCallback(this.#handle, this.#closeCallback.pointer);
      }
      lv().virConnectClose(this.#handle);
      this.#handle = null;
      this.#eventIds = [];
    }
    if (!keepCallbacks) this.releaseCallbacks();
  }

  /** Frees the callback trampolines of a closed connection; safe to call twice. */
  releaseCallbacks(): void {
    if (this.#handle) throw new Error("releaseCallbacks() before close()");
    for (const cb of this.#callbacks) cb.close();
    this.#closeCallback?.close();
    this.#callbacks = [];
    this.#closeCallback = null;
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
   * virConnectRegisterCloseCallback. `onClose` runs on this thread when libvirt reports the
   * connection closed (reason: virConnectCloseReason).
   */
  onClose(onClose: (reason: number) => void): void {
    const cb = Deno.UnsafeCallback.threadSafe(
      { parameters: ["pointer", "i32", "pointer"], result: "void" } as const,
      (_conn, reason) => onClose(reason),
    );
    this.#closeCallback = cb;
    check(
      lv().virConnectRegisterCloseCallback(this.#ptr, cb.pointer, null, null),
      "virConnectRegisterCloseCallback",
    );
  }

  /** Registers for VIR_DOMAIN_EVENT_ID_LIFECYCLE on every domain. */
  onDomainLifecycle(handler: LifecycleHandler): void {
    const cb = Deno.UnsafeCallback.threadSafe(
      {
        parameters: ["pointer", "pointer", "i32", "i32", "pointer"],
        result: "i32",
      } as const,
      (_conn, dom, event, detail) => {
        // The domain pointer is only valid during the callback: copy what we need now.
        const d = Domain.borrow(dom!);
        handler(d.getUUIDString(), d.getName(), event, detail);
        return 0;
      },
    );
    this.#callbacks.push(cb);
    const id = check(
      lv().virConnectDomainEventRegisterAny(this.#ptr, null, 0, cb.pointer, null, null),
      "virConnectDomainEventRegisterAny",
    );
    this.#eventIds.push({ id, deregister: "virConnectDomainEventDeregisterAny" });
  }

  /**
   * Registers for storage pool lifecycle and refresh events, and network lifecycle events:
   * `handler` gets the kind and the object's name (pages re-read what they show).
   */
  onPoolAndNetworkEvents(handler: (kind: "pool" | "network", name: string) => void): void {
    const signature = {
      parameters: ["pointer", "pointer", "i32", "i32", "pointer"],
      result: "void",
    } as const;
    const poolCb = Deno.UnsafeCallback.threadSafe(signature, (_conn, pool) => {
      // The pool pointer is only valid during the callback, and its name is owned by it.
      handler("pool", readString(lv().virStoragePoolGetName(pool)) ?? "");
    });
    const netCb = Deno.UnsafeCallback.threadSafe(signature, (_conn, net) => {
      handler("network", readString(lv().virNetworkGetName(net)) ?? "");
    });
    this.#callbacks.push(poolCb, netCb);
    // VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE = 0, _REFRESH = 1; VIR_NETWORK_EVENT_ID_LIFECYCLE = 0.
    for (const eventId of [0, 1]) {
      const id = check(
        lv().virConnectStoragePoolEventRegisterAny(
          this.#ptr,
          null,
          eventId,
          poolCb.pointer,
          null,
          null,
        ),
        "virConnectStoragePoolEventRegisterAny",
      );
      this.#eventIds.push({ id, deregister: "virConnectStoragePoolEventDeregisterAny" });
    }
    const id = check(
      lv().virConnectNetworkEventRegisterAny(this.#ptr, null, 0, netCb.pointer, null, null),
      "virConnectNetworkEventRegisterAny",
    );
    this.#eventIds.push({ id, deregister: "virConnectNetworkEventDeregisterAny" });
  }

  /** virConnectGetURI. */
  getURI(): string {
    return takeString(checkPointer(lv().virConnectGetURI(this.#ptr), "virConnectGetURI"))!;
  }

  /** virConnectGetHostname. */
  getHostname(): string {
    return takeString(
      checkPointer(lv().virConnectGetHostname(this.#ptr), "virConnectGetHostname"),
    )!;
  }

  /** virConnectGetType: the hypervisor driver name, e.g. "QEMU" or "TEST". */
  getType(): string {
    return readString(checkPointer(lv().virConnectGetType(this.#ptr), "virConnectGetType"))!;
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
    return takeString(
      checkPointer(lv().virConnectGetCapabilities(this.#ptr), "virConnectGetCapabilities"),
    )!;
  }

  /** virNodeGetInfo. */
  getNodeInfo(): NodeInfo {
    // struct { char model[32]; unsigned long memory; unsigned int cpus, mhz, nodes, sockets,
    //          cores, threads; }
    const buf = new Uint8Array(64);
    check(lv().virNodeGetInfo(this.#ptr, buf), "virNodeGetInfo");
    const view = new DataView(buf.buffer);
    const end = buf.indexOf(0);
    return {
      model: new TextDecoder().decode(buf.subarray(0, end < 0 || end > 32 ? 32 : end)),
      memoryKiB: Number(view.getBigUint64(32, true)),
      cpus: view.getUint32(40, true),
      mhz: view.getUint32(44, true),
      nodes: view.getUint32(48, true),
      sockets: view.getUint32(52, true),
      cores: view.getUint32(56, true),
      threads: view.getUint32(60, true),
    };
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
    return this.#nodeStats(lv().virNodeGetCPUStats, "virNodeGetCPUStats");
  }

  /** virNodeGetMemoryStats of the whole host in KiB ("total", "free", "buffers", "cached"). */
  getNodeMemoryStats(): Record<string, number> {
    return this.#nodeStats(lv().virNodeGetMemoryStats, "virNodeGetMemoryStats");
  }

  // Both fill an array of struct { char field[80]; unsigned long long value; } (88 bytes).
  #nodeStats(
    fn: (
      conn: Deno.PointerValue,
      which: number,
      params: Uint8Array | null,
      nparams: Uint8Array,
      flags: number,
    ) => number,
    name: string,
  ): Record<string, number> {
    const ALL = -1; // VIR_NODE_CPU_STATS_ALL_CPUS and VIR_NODE_MEMORY_STATS_ALL_CELLS
    const count = new Int32Array(1);
    const countBytes = new Uint8Array(count.buffer);
    check(fn(this.#ptr, ALL, null, countBytes, 0), name);
    const buf = new Uint8Array(88 * count[0]);
    check(fn(this.#ptr, ALL, buf, countBytes, 0), name);
    const view = new DataView(buf.buffer);
    const out: Record<string, number> = {};
    for (let i = 0; i < count[0]; i++) {
      const field = buf.subarray(i * 88, i * 88 + 80);
      const end = field.indexOf(0);
      const key = new TextDecoder().decode(field.subarray(0, end < 0 ? 80 : end));
      out[key] = Number(view.getBigUint64(i * 88 + 80, true));
    }
    return out;
  }

  /** virConnectListAllDomains: one call, caller frees each Domain. */
  listAllDomains(flags = 0): Domain[] {
    const out = outSlot();
    const n = check(
      lv().virConnectListAllDomains(this.#ptr, out, flags),
      "virConnectListAllDomains",
    );
    return takeList(out, n, (p) => new Domain(p));
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

  /** virConnectGetDomainCapabilities for a virt type ("kvm", "qemu"), machine and arch. */
  getDomainCapabilities(virtType: string, machine: string | null, arch = "x86_64"): string {
    return takeString(
      checkPointer(
        lv().virConnectGetDomainCapabilities(
          this.#ptr,
          null,
          cString(arch),
          machine === null ? null : cString(machine),
          cString(virtType),
          0,
        ),
        "virConnectGetDomainCapabilities",
      ),
    )!;
  }

  /** virConnectListAllStoragePools: caller frees each pool. */
  listAllStoragePools(): StoragePool[] {
    const out = outSlot();
    const n = check(lv().virConnectListAllStoragePools(this.#ptr, out, 0), "list pools");
    return takeList(out, n, (p) => new StoragePool(p));
  }

  /** virStoragePoolLookupByName; throws NO_STORAGE_POOL when missing. */
  lookupPool(name: string): StoragePool {
    return new StoragePool(
      checkPointer(lv().virStoragePoolLookupByName(this.#ptr, cString(name)), "pool lookup"),
    );
  }

  /** virConnectListAllNetworks: caller frees each network. */
  listAllNetworks(): Network[] {
    const out = outSlot();
    const n = check(lv().virConnectListAllNetworks(this.#ptr, out, 0), "list networks");
    return takeList(out, n, (p) => new Network(p));
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

/** Reads a libvirt `T **` list result into wrappers, then frees the array itself. */
/** Adds fields to a stats record from its (borrowed) domain. */
export type StatsAugment = (dom: Domain, params: TypedParams) => void;

/** Copies a stats record list into JS values, then frees it (and its domain references). */
function takeStatsRecords(
  array: Deno.PointerValue,
  count: number,
  augment?: StatsAugment,
): DomainStatsRecord[] {
  const records: DomainStatsRecord[] = [];
  for (const rec of readPointerArray(array, count)) {
    // struct _virDomainStatsRecord { virDomainPtr dom; virTypedParameterPtr params; int nparams; }
    const view = new Deno.UnsafePointerView(rec!);
    // Borrowed: the record list owns this domain reference and frees it below.
    const dom = Domain.borrow(view.getPointer(0)!);
    const params = readTypedParams(view.getPointer(8), view.getInt32(16));
    augment?.(dom, params);
    records.push({ uuid: dom.getUUIDString(), name: dom.getName(), params });
  }
  if (array) lv().virDomainStatsRecordListFree(array);
  return records;
}

/** `augment` plus, when scanning, a note of each domain whose monitor does not answer. */
export function scanning(
  scan: boolean | undefined,
  stuck: Set<string>,
  augment?: StatsAugment,
): StatsAugment | undefined {
  if (!scan) return augment;
  return (dom, params) => {
    augment?.(dom, params);
    // virDomainState 5 is SHUTOFF: no QEMU to ask.
    if (params["state.state"] !== 5 && monitorStuck(dom)) stuck.add(dom.getUUIDString());
  };
}

/** Marks the records of the domains `scanning` noted. */
export function marked(records: DomainStatsRecord[], stuck: Set<string>): DomainStatsRecord[] {
  for (const rec of records) if (stuck.has(rec.uuid)) rec.unresponsive = true;
  return records;
}
