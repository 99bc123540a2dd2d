// The virStorageVol wrapper: one volume reference and what KVM Manager does with a volume.

import { check } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv } from "./library.ts";
import type { Stream } from "./stream.ts";
import { intThenU64s, readChecked, takeChecked } from "./returned.ts";

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
    const [type, capacity, allocation] = intThenU64s(buf, 2);
    return { type, capacity, allocation };
  }

  /** virStorageVolGetInfoFlags(PHYSICAL): the bytes the volume takes on its storage, which
   * is what a download sends (the file size of a qcow2, the full size of a raw file). */
  getPhysical(): number {
    const buf = new Uint8Array(24);
    check(lv().virStorageVolGetInfoFlags(this.ptr, buf, 1), "virStorageVolGetInfoFlags");
    return Number(new DataView(buf.buffer).getBigUint64(16, true));
  }

  /** virStorageVolGetName (local, no RPC). */
  getName(): string {
    return readChecked(lv().virStorageVolGetName(this.ptr), "virStorageVolGetName");
  }

  /** virStorageVolGetPath. */
  getPath(): string {
    return takeChecked(lv().virStorageVolGetPath(this.ptr), "virStorageVolGetPath");
  }

  /** virStorageVolGetXMLDesc. */
  getXMLDesc(): string {
    return takeChecked(lv().virStorageVolGetXMLDesc(this.ptr, 0), "virStorageVolGetXMLDesc");
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
    this.beginUpload(stream, offset, data.length);
    stream.sendAll(data);
  }

  /** virStorageVolUpload: `stream` then takes `length` bytes written from `offset`. */
  beginUpload(stream: Stream, offset: number, length: number): void {
    check(
      lv().virStorageVolUpload(this.ptr, stream.rawHandle(), BigInt(offset), BigInt(length), 0),
      "virStorageVolUpload",
    );
  }

  /** virStorageVolDownload of `length` bytes from `offset` (0: to the end). */
  beginDownload(stream: Stream, offset = 0, length = 0): void {
    check(
      lv().virStorageVolDownload(this.ptr, stream.rawHandle(), BigInt(offset), BigInt(length), 0),
      "virStorageVolDownload",
    );
  }
}
