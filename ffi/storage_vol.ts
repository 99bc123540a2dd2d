// The virStorageVol wrapper: owns one volume reference and frees it exactly once.

import { check } from "./error.ts";
import { lv } from "./library.ts";

const registry = new FinalizationRegistry<Deno.PointerObject>((ptr) => lv().virStorageVolFree(ptr));

/** One libvirt storage volume reference. */
export class StorageVol {
  #handle: Deno.PointerObject | null;

  constructor(handle: Deno.PointerObject) {
    this.#handle = handle;
    registry.register(this, handle, this);
  }

  get #ptr(): Deno.PointerObject {
    if (!this.#handle) throw new Error("StorageVol used after free()");
    return this.#handle;
  }

  free(): void {
    if (!this.#handle) return;
    registry.unregister(this);
    lv().virStorageVolFree(this.#handle);
    this.#handle = null;
  }

  [Symbol.dispose](): void {
    this.free();
  }

  /** virStorageVolGetInfo: capacity and allocation in bytes. */
  getInfo(): { type: number; capacity: number; allocation: number } {
    // struct { int type; unsigned long long capacity; unsigned long long allocation; }
    const buf = new Uint8Array(24);
    check(lv().virStorageVolGetInfo(this.#ptr, buf), "virStorageVolGetInfo");
    const view = new DataView(buf.buffer);
    return {
      type: view.getInt32(0, true),
      capacity: Number(view.getBigUint64(8, true)),
      allocation: Number(view.getBigUint64(16, true)),
    };
  }

  /** virStorageVolDelete. */
  delete(): void {
    check(lv().virStorageVolDelete(this.#ptr, 0), "virStorageVolDelete");
  }
}
