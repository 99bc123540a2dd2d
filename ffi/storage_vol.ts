// The virStorageVol wrapper: one volume reference and what KVM Manager does with a volume.

import { check, checkPointer } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv, readString, takeString } from "./library.ts";
import type { Stream } from "./stream.ts";

/** virStorageVolResizeFlags we use. */
export const VolResizeFlags = { ALLOCATE: 1 << 0, DELTA: 1 << 1, SHRINK: 1 << 2 } as const;

/** One libvirt storage volume reference. */
export class StorageVol extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virStorageVolFree", true);
  }

  /** virStorageVolGetInfo: capacity and allocation in bytes. */
  getInfo(): { type: number; capacity: number; allocation: number } {
    // struct { int type; unsigned long long capacity; unsigned long long allocation; }
    const buf = new Uint8Array(24);
    check(lv().virStorageVolGetInfo(this.ptr, buf), "virStorageVolGetInfo");
    const view = new DataView(buf.buffer);
    return {
      type: view.getInt32(0, true),
      capacity: Number(view.getBigUint64(8, true)),
      allocation: Number(view.getBigUint64(16, true)),
    };
  }

  /** virStorageVolGetName (local, no RPC). */
  getName(): string {
    return readString(checkPointer(lv().virStorageVolGetName(this.ptr), "virStorageVolGetName"))!;
  }

  /** virStorageVolGetPath. */
  getPath(): string {
    return takeString(checkPointer(lv().virStorageVolGetPath(this.ptr), "virStorageVolGetPath"))!;
  }

  /** virStorageVolGetXMLDesc. */
  getXMLDesc(): string {
    return takeString(
      checkPointer(lv().virStorageVolGetXMLDesc(this.ptr, 0), "virStorageVolGetXMLDesc"),
    )!;
  }

  /** virStorageVolResize to `capacity` bytes. */
  resize(capacity: number, flags = 0): void {
    check(lv().virStorageVolResize(this.ptr, BigInt(capacity), flags), "virStorageVolResize");
  }

  /** virStorageVolDelete. */
  delete(): void {
    check(lv().virStorageVolDelete(this.ptr, 0), "virStorageVolDelete");
  }

  /**
   * Writes `data` into the volume from `offset` through a blocking stream (virStorageVolUpload):
   * works on remote hosts too, since the bytes travel over the libvirt connection.
   */
  upload(stream: Stream, data: Uint8Array<ArrayBuffer>, offset = 0): void {
    check(
      lv().virStorageVolUpload(
        this.ptr,
        stream.rawHandle(),
        BigInt(offset),
        BigInt(data.length),
        0,
      ),
      "virStorageVolUpload",
    );
    stream.sendAll(data);
  }
}
