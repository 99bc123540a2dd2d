// The virDomain wrapper: owns one domain reference and frees it exactly once.

import { check, checkPointer } from "./error.ts";
import { cString, lv, readString, takeString } from "./library.ts";

/** virDomainState values. */
export const DomainState = {
  NOSTATE: 0,
  RUNNING: 1,
  BLOCKED: 2,
  PAUSED: 3,
  SHUTDOWN: 4,
  SHUTOFF: 5,
  CRASHED: 6,
  PMSUSPENDED: 7,
} as const;

/** virDomainUndefineFlagsValues we use. */
export const UndefineFlags = {
  MANAGED_SAVE: 1 << 0,
  SNAPSHOTS_METADATA: 1 << 1,
  NVRAM: 1 << 2,
  CHECKPOINTS_METADATA: 1 << 4,
  TPM: 1 << 5,
} as const;

/** virDomainXMLFlags we use. */
export const XmlFlags = { SECURE: 1 << 0, INACTIVE: 1 << 1 } as const;

const decoder = new TextDecoder();

const registry = new FinalizationRegistry<Deno.PointerObject>((ptr) => lv().virDomainFree(ptr));

/** One libvirt domain reference. Call `free()` or declare it with `using`. */
export class Domain {
  #handle: Deno.PointerObject | null;

  #owned: boolean;

  /** Takes ownership of a virDomainPtr reference. */
  constructor(handle: Deno.PointerObject, owned = true) {
    this.#handle = handle;
    this.#owned = owned;
    if (owned) registry.register(this, handle, this);
  }

  /** Wraps a reference someone else owns (a stats record's); `free()` only forgets it. */
  static borrow(handle: Deno.PointerObject): Domain {
    return new Domain(handle, false);
  }

  get #ptr(): Deno.PointerObject {
    if (!this.#handle) throw new Error("Domain used after free()");
    return this.#handle;
  }

  /** Releases the reference; safe to call twice. */
  free(): void {
    if (!this.#handle) return;
    if (this.#owned) {
      registry.unregister(this);
      lv().virDomainFree(this.#handle);
    }
    this.#handle = null;
  }

  [Symbol.dispose](): void {
    this.free();
  }

  /** virDomainGetName (local, no RPC). */
  getName(): string {
    return readString(checkPointer(lv().virDomainGetName(this.#ptr), "virDomainGetName"))!;
  }

  /** virDomainGetUUIDString (local, no RPC). */
  getUUIDString(): string {
    const buf = new Uint8Array(37);
    check(lv().virDomainGetUUIDString(this.#ptr, buf), "virDomainGetUUIDString");
    return decoder.decode(buf.subarray(0, 36));
  }

  /** virDomainGetState: the state and its reason. */
  getState(): { state: number; reason: number } {
    const state = new Int32Array(1);
    const reason = new Int32Array(1);
    check(lv().virDomainGetState(this.#ptr, state, reason, 0), "virDomainGetState");
    return { state: state[0], reason: reason[0] };
  }

  /** virDomainGetInfo: state, memory in KiB, vCPUs and CPU time in ns. */
  getInfo(): {
    state: number;
    maxMemKiB: number;
    memoryKiB: number;
    vcpus: number;
    cpuTimeNs: number;
  } {
    // struct { uchar state; ulong maxMem; ulong memory; ushort nrVirtCpu; ullong cpuTime; }
    const buf = new Uint8Array(40);
    check(lv().virDomainGetInfo(this.#ptr, buf), "virDomainGetInfo");
    const view = new DataView(buf.buffer);
    return {
      state: view.getUint8(0),
      maxMemKiB: Number(view.getBigUint64(8, true)),
      memoryKiB: Number(view.getBigUint64(16, true)),
      vcpus: view.getUint16(24, true),
      cpuTimeNs: Number(view.getBigUint64(32, true)),
    };
  }

  /** virDomainGetXMLDesc. */
  getXMLDesc(flags = 0): string {
    return takeString(
      checkPointer(lv().virDomainGetXMLDesc(this.#ptr, flags), "virDomainGetXMLDesc"),
    )!;
  }

  /** virDomainGetAutostart. */
  getAutostart(): boolean {
    const out = new Int32Array(1);
    check(lv().virDomainGetAutostart(this.#ptr, out), "virDomainGetAutostart");
    return out[0] !== 0;
  }

  /** virDomainIsPersistent. */
  isPersistent(): boolean {
    return check(lv().virDomainIsPersistent(this.#ptr), "virDomainIsPersistent") === 1;
  }

  /** virDomainGetBlockInfo for one disk target or source path, sizes in bytes. */
  getBlockInfo(disk: string): { capacity: number; allocation: number; physical: number } {
    const buf = new BigUint64Array(3);
    check(lv().virDomainGetBlockInfo(this.#ptr, cString(disk), buf, 0), "virDomainGetBlockInfo");
    return { capacity: Number(buf[0]), allocation: Number(buf[1]), physical: Number(buf[2]) };
  }

  create(): void {
    check(lv().virDomainCreate(this.#ptr), "virDomainCreate");
  }
  shutdown(): void {
    check(lv().virDomainShutdown(this.#ptr), "virDomainShutdown");
  }
  destroy(): void {
    check(lv().virDomainDestroy(this.#ptr), "virDomainDestroy");
  }
  suspend(): void {
    check(lv().virDomainSuspend(this.#ptr), "virDomainSuspend");
  }
  resume(): void {
    check(lv().virDomainResume(this.#ptr), "virDomainResume");
  }
  reboot(flags = 0): void {
    check(lv().virDomainReboot(this.#ptr, flags), "virDomainReboot");
  }
  reset(): void {
    check(lv().virDomainReset(this.#ptr, 0), "virDomainReset");
  }
  undefine(flags = 0): void {
    check(lv().virDomainUndefineFlags(this.#ptr, flags), "virDomainUndefineFlags");
  }

  /** The raw pointer, for the connection's list calls only (`virDomainListGetStats`). */
  rawHandle(): Deno.PointerObject {
    return this.#ptr;
  }
}
