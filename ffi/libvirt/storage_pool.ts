// The virStoragePool wrapper: one pool reference, its facts and its volumes.

import { check, checkPointer } from "./error.ts";
import { listAll } from "./list_all.ts";
import { LibvirtHandle } from "./handle.ts";
import { cString, lv } from "./library.ts";
import { StorageVol } from "./storage_vol.ts";
import { intThenU64s, readChecked, readFlag, readUuid, takeChecked } from "./returned.ts";

/** virStoragePoolState values. */
export const PoolState = { INACTIVE: 0, BUILDING: 1, RUNNING: 2, DEGRADED: 3, INACCESSIBLE: 4 };

/** One libvirt storage pool reference. */
export class StoragePool extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virStoragePoolFree", true);
  }

  /** virStoragePoolLookupByVolume: the pool that holds `vol`. */
  static ofVolume(vol: StorageVol): StoragePool {
    return new StoragePool(
      checkPointer(lv().virStoragePoolLookupByVolume(vol.rawHandle()), "pool lookup"),
    );
  }

  /** virStoragePoolGetName (local, no RPC). */
  getName(): string {
    return readChecked(lv().virStoragePoolGetName(this.ptr), "virStoragePoolGetName");
  }

  /** virStoragePoolGetInfo: state and sizes in bytes. */
  getInfo(): { state: number; capacity: number; allocation: number; available: number } {
    // struct { int state; unsigned long long capacity, allocation, available; }
    const buf = new Uint8Array(32);
    check(lv().virStoragePoolGetInfo(this.ptr, buf), "virStoragePoolGetInfo");
    const [state, capacity, allocation, available] = intThenU64s(buf, 3);
    return { state, capacity, allocation, available };
  }

  /** virStoragePoolGetXMLDesc. */
  getXMLDesc(): string {
    return takeChecked(lv().virStoragePoolGetXMLDesc(this.ptr, 0), "virStoragePoolGetXMLDesc");
  }

  /** virStoragePoolGetUUIDString (local, no RPC). */
  getUUIDString(): string {
    return readUuid(
      (buf) => lv().virStoragePoolGetUUIDString(this.ptr, buf),
      "virStoragePoolGetUUIDString",
    );
  }

  /** virStoragePoolGetAutostart. */
  getAutostart(): boolean {
    return readFlag(
      (out) => lv().virStoragePoolGetAutostart(this.ptr, out),
      "virStoragePoolGetAutostart",
    );
  }

  /** virStoragePoolSetAutostart. */
  setAutostart(on: boolean): void {
    check(lv().virStoragePoolSetAutostart(this.ptr, on ? 1 : 0), "virStoragePoolSetAutostart");
  }

  /** virStoragePoolIsPersistent. */
  isPersistent(): boolean {
    return check(lv().virStoragePoolIsPersistent(this.ptr), "virStoragePoolIsPersistent") === 1;
  }

  /** virStoragePoolNumOfVolumes; null while the pool is inactive. */
  volumeCount(): number | null {
    const n = lv().virStoragePoolNumOfVolumes(this.ptr);
    if (n < 0) {
      lv().virResetLastError();
      return null;
    }
    return n;
  }

  /** virStoragePoolCreate: starts the pool. */
  start(): void {
    check(lv().virStoragePoolCreate(this.ptr, 0), "virStoragePoolCreate");
  }

  /** virStoragePoolDestroy: stops the pool; its storage stays. */
  stop(): void {
    check(lv().virStoragePoolDestroy(this.ptr), "virStoragePoolDestroy");
  }

  /** virStoragePoolBuild: makes the storage (mkdir, mkfs, vgcreate) as the pool type needs. */
  build(flags = 0): void {
    check(lv().virStoragePoolBuild(this.ptr, flags), "virStoragePoolBuild");
  }

  /** virStoragePoolDelete: removes the storage itself (an empty folder, a volume group). */
  deleteStorage(): void {
    check(lv().virStoragePoolDelete(this.ptr, 0), "virStoragePoolDelete");
  }

  /** virStoragePoolUndefine: forgets the pool's definition. */
  undefine(): void {
    check(lv().virStoragePoolUndefine(this.ptr), "virStoragePoolUndefine");
  }

  /** virStoragePoolRefresh: re-reads the pool's contents (files added behind libvirt's back). */
  refresh(): void {
    check(lv().virStoragePoolRefresh(this.ptr, 0), "virStoragePoolRefresh");
  }

  /** virStoragePoolListAllVolumes: caller frees each volume. */
  listAllVolumes(): StorageVol[] {
    return listAll(
      "virStoragePoolListAllVolumes",
      (out) => lv().virStoragePoolListAllVolumes(this.ptr, out, 0),
      (p) => new StorageVol(p),
    );
  }

  /** virStorageVolLookupByName; throws NO_STORAGE_VOL when missing. */
  lookupVolume(name: string): StorageVol {
    return new StorageVol(
      checkPointer(lv().virStorageVolLookupByName(this.ptr, cString(name)), "volume lookup"),
    );
  }

  /** virStorageVolCreateXML. */
  createVolume(xml: string): StorageVol {
    return new StorageVol(
      checkPointer(
        lv().virStorageVolCreateXML(this.ptr, cString(xml), 0),
        "virStorageVolCreateXML",
      ),
    );
  }

  /** virStorageVolCreateXMLFrom: a new volume holding a full copy of `source`. */
  cloneVolume(xml: string, source: StorageVol): StorageVol {
    return new StorageVol(
      checkPointer(
        lv().virStorageVolCreateXMLFrom(this.ptr, cString(xml), source.rawHandle(), 0),
        "virStorageVolCreateXMLFrom",
      ),
    );
  }
}
