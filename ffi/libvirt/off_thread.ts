// libvirt calls made from the JS thread without blocking it and without a worker isolate: each
// function here is declared nonblocking (symbols.ts, "…Async"), so it waits on Deno's pool of
// blocking threads. The thread it ran on keeps its error, so a failure is read from the
// connection instead (virConnCopyLastError), which is exact because the connection carries no
// other call meanwhile: call_connections.ts hands a connection to one call at a time, and a
// private test node's lane queues its other calls behind this one (inline_lane.ts).

import type { Connection, DomainStatsRecord } from "./connection.ts";
import { takeStatsRecordsInSteps } from "./domain_stats.ts";
import { connectionError, ErrorCode, LibvirtError } from "./error.ts";
import {
  countingWanted,
  cString,
  libvirtCallCounts,
  lv,
  outSlot,
  readString,
  takeList,
  takeString,
} from "./library.ts";
import {
  ALL,
  decodeNodeInfo,
  decodeNodeStats,
  NODE_INFO_SIZE,
  NODE_STAT_SIZE,
  type NodeInfo,
} from "./node_info.ts";

/**
 * virConnectListAllNetworks' and virConnectListAllStoragePools' flags, the same values for both:
 * https://libvirt.org/html/libvirt-libvirt-network.html#virConnectListAllNetworksFlags
 */
export const ListActivity = { INACTIVE: 1, ACTIVE: 2 } as const;

/** Records copied between two looks at the clock. */
const RECORDS_PER_STEP = 100;
/** The longest stretch of copying before the event loop gets a turn. */
const SLICE_MS = 5;

const nextTurn = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * The libvirt calls this thread made between mark() and add(), by function name, while
 * KVMM_COUNT_LIBVIRT_CALLS=1 (else nothing is counted). Only synchronous stretches are measured,
 * so calls of other work that ran in between are not counted.
 */
class Tally {
  readonly calls: Record<string, number> | null = countingWanted() ? {} : null;
  #before: Record<string, number> = {};

  mark(): void {
    if (this.calls) this.#before = libvirtCallCounts();
  }

  add(): void {
    if (!this.calls) return;
    for (const [name, n] of Object.entries(libvirtCallCounts())) {
      const made = n - (this.#before[name] ?? 0);
      // A nonblocking symbol is the same libvirt function.
      const fn = name.replace(/Async$/, "");
      if (made > 0) this.calls[fn] = (this.calls[fn] ?? 0) + made;
    }
  }
}

/** One connection's calls off the JS thread, for one piece of work that counts its calls. */
export class OffThread {
  readonly #conn: Deno.PointerObject;
  readonly #tally = new Tally();

  /** NO_CONNECT when `conn` is closed or libvirt marked it dead (no RPC), as runOp says. */
  constructor(conn: Connection) {
    if (!conn.isOpen || !conn.isAlive()) {
      throw new LibvirtError(ErrorCode.NO_CONNECT, 0, "the connection to libvirtd was lost");
    }
    this.#conn = conn.rawHandle();
  }

  /** The calls made so far when counting is on (KVMM_COUNT_LIBVIRT_CALLS=1), else undefined. */
  get calls(): Record<string, number> | undefined {
    return this.#tally.calls ?? undefined;
  }

  /**
   * Runs one nonblocking call; `failed` tells libvirt's failure value from a result. The call
   * holds a reference to the connection of its own (virConnectRef): libvirt's calls take none,
   * and a close of the connection meanwhile (LibvirtClient.close gives work under way 2 s) would
   * else free it under the call. The last reference to go closes it.
   */
  async #call<R>(what: string, start: () => Promise<R>, failed: (r: R) => boolean): Promise<R> {
    if (lv().virConnectRef(this.#conn) < 0) throw connectionError(this.#conn, `${what} failed`);
    try {
      this.#tally.mark();
      lv().virConnResetLastError(this.#conn);
      const pending = start();
      this.#tally.add();
      const result = await pending;
      if (failed(result)) throw connectionError(this.#conn, `${what} failed`);
      return result;
    } finally {
      await lv().virConnectCloseAsync(this.#conn);
    }
  }

  /**
   * virConnectGetAllDomainStats: one call for every domain matching `flags`, its records copied
   * a step at a time with the event loop free between steps.
   */
  async allDomainStats(stats: number, flags: number): Promise<DomainStatsRecord[]> {
    const out = new BigUint64Array(1);
    const n = await this.#call(
      "virConnectGetAllDomainStats",
      () =>
        lv().virConnectGetAllDomainStatsAsync(this.#conn, stats, new Uint8Array(out.buffer), flags),
      (r) => r < 0,
    );
    this.#tally.mark();
    let sliceStart = performance.now();
    try {
      return await takeStatsRecordsInSteps(
        Deno.UnsafePointer.create(out[0]),
        n,
        RECORDS_PER_STEP,
        async () => {
          if (performance.now() - sliceStart < SLICE_MS) return;
          this.#tally.add();
          await nextTurn();
          this.#tally.mark();
          sliceStart = performance.now();
        },
      );
    } finally {
      this.#tally.add();
    }
  }

  /** virConnectGetType: the driver's name ("QEMU", "TEST"), a string libvirt keeps. */
  driverType(): Promise<string> {
    const start = () => lv().virConnectGetTypeAsync(this.#conn);
    return this.#string("virConnectGetType", start, { owned: false });
  }

  /** virConnectGetCapabilities: the host's capabilities XML. */
  capabilities(): Promise<string> {
    const start = () => lv().virConnectGetCapabilitiesAsync(this.#conn);
    return this.#string("virConnectGetCapabilities", start, { owned: true });
  }

  /** virConnectGetDomainCapabilities: what new domains of `virtType` on `machine` can have. */
  domainCapabilities(virtType: string, machine: string | null, arch: string): Promise<string> {
    const start = () =>
      lv().virConnectGetDomainCapabilitiesAsync(
        this.#conn,
        null,
        cString(arch),
        machine === null ? null : cString(machine),
        cString(virtType),
        0,
      );
    return this.#string("virConnectGetDomainCapabilities", start, { owned: true });
  }

  /**
   * A call that answers a string, NULL when it failed: one the caller `owned` is freed once
   * copied, one libvirt keeps is only read.
   */
  async #string(
    what: string,
    start: () => Promise<Deno.PointerValue>,
    { owned }: { owned: boolean },
  ): Promise<string> {
    const ptr = await this.#call(what, start, (p) => p === null);
    return (owned ? takeString(ptr) : readString(ptr))!;
  }

  /** The names of the networks libvirt lists with `flags` (ListActivity). */
  networkNames(flags: number): Promise<string[]> {
    const { virConnectListAllNetworksAsync: list, virNetworkGetName, virNetworkFree } = lv();
    return this.#names("virConnectListAllNetworks", list, virNetworkGetName, virNetworkFree, flags);
  }

  /** The names of the storage pools libvirt lists with `flags` (ListActivity). */
  poolNames(flags: number): Promise<string[]> {
    const { virConnectListAllStoragePoolsAsync: list, virStoragePoolGetName, virStoragePoolFree } =
      lv();
    return this.#names(
      "virConnectListAllStoragePools",
      list,
      virStoragePoolGetName,
      virStoragePoolFree,
      flags,
    );
  }

  /**
   * One "list all" call (`what`), and the names of the objects it hands over: a name needs no
   * further call, and each object is freed once read.
   */
  async #names(
    what: string,
    list: (conn: Deno.PointerValue, out: Uint8Array, flags: number) => Promise<number>,
    nameOf: (obj: Deno.PointerValue) => Deno.PointerValue,
    free: (obj: Deno.PointerValue) => number,
    flags: number,
  ): Promise<string[]> {
    const out = outSlot();
    const n = await this.#call(
      what,
      () => list(this.#conn, new Uint8Array(out.buffer), flags),
      (r) => r < 0,
    );
    return takeList(out, n, (obj) => {
      try {
        return readString(nameOf(obj))!;
      } finally {
        free(obj);
      }
    });
  }

  /** virNodeGetInfo. */
  async nodeInfo(): Promise<NodeInfo> {
    const buf = new Uint8Array(NODE_INFO_SIZE);
    await this.#call(
      "virNodeGetInfo",
      () => lv().virNodeGetInfoAsync(this.#conn, buf),
      (r) => r < 0,
    );
    return decodeNodeInfo(buf);
  }

  /** virNodeGetFreeMemory in bytes (0 where libvirt cannot tell). */
  async freeMemoryBytes(): Promise<number> {
    return Number(
      await this.#call(
        "virNodeGetFreeMemory",
        () => lv().virNodeGetFreeMemoryAsync(this.#conn),
        () => false,
      ),
    );
  }

  /** virNodeGetCPUStats over all CPUs: cumulative nanoseconds by field. */
  nodeCpuStats(): Promise<Record<string, number>> {
    return this.#nodeStats("virNodeGetCPUStats", lv().virNodeGetCPUStatsAsync);
  }

  /** virNodeGetMemoryStats of the whole host in KiB ("total", "free", "buffers", "cached"). */
  nodeMemoryStats(): Promise<Record<string, number>> {
    return this.#nodeStats("virNodeGetMemoryStats", lv().virNodeGetMemoryStatsAsync);
  }

  /** Two calls, as readNodeStats: the first asks how many fields there are. */
  async #nodeStats(
    what: string,
    fn: (
      conn: Deno.PointerValue,
      which: number,
      params: Uint8Array | null,
      nparams: Uint8Array,
      flags: number,
    ) => Promise<number>,
  ): Promise<Record<string, number>> {
    const count = new Int32Array(1);
    const countBytes = new Uint8Array(count.buffer);
    await this.#call(what, () => fn(this.#conn, ALL, null, countBytes, 0), (r) => r < 0);
    const buf = new Uint8Array(NODE_STAT_SIZE * count[0]);
    await this.#call(what, () => fn(this.#conn, ALL, buf, countBytes, 0), (r) => r < 0);
    return decodeNodeStats(buf, count[0]);
  }
}
