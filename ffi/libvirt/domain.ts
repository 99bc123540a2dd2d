// The virDomain wrapper: owns one domain reference and frees it exactly once.

import { check, checkPointer } from "./error.ts";
import { listAll } from "./list_all.ts";
import { LibvirtHandle } from "./handle.ts";
import { cString, lv, outSlot, takeString } from "./library.ts";
import { Checkpoint, Snapshot } from "./snapshot.ts";
import { readTypedParams, type TypedParams } from "./typed_params.ts";
import { readChecked, readFlag, readUuid, takeChecked } from "./returned.ts";

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

/** virDomainModificationImpact: change the running VM, its next boot, or both. */
export const Impact = { CURRENT: 0, LIVE: 1 << 0, CONFIG: 1 << 1 } as const;

/** virDomainVcpuFlags / virDomainMemoryModFlags extras we use (beside Impact). */
export const VcpuFlags = { MAXIMUM: 1 << 2 } as const;
export const MemoryFlags = { MAXIMUM: 1 << 2 } as const;

/** virDomainMetadataType. */
export const MetadataType = { DESCRIPTION: 0, TITLE: 1, ELEMENT: 2 } as const;

/** virDomainDefineFlags: validate against libvirt's schema before defining. */
export const DefineFlags = { VALIDATE: 1 << 0 } as const;

/** virDomainXMLFlags we use. */
export const XmlFlags = { SECURE: 1 << 0, INACTIVE: 1 << 1 } as const;

/** One libvirt domain reference. Call `free()` or declare it with `using`. */
export class Domain extends LibvirtHandle {
  /** Takes ownership of a virDomainPtr reference. */
  constructor(handle: Deno.PointerObject, owned = true) {
    super(handle, "virDomainFree", owned);
  }

  /** Wraps a reference someone else owns (a stats record's); `free()` only forgets it. */
  static borrow(handle: Deno.PointerObject): Domain {
    return new Domain(handle, false);
  }

  /** virDomainGetName (local, no RPC). */
  getName(): string {
    return readChecked(lv().virDomainGetName(this.ptr), "virDomainGetName");
  }

  /** virDomainGetUUIDString (local, no RPC). */
  getUUIDString(): string {
    return readUuid((buf) => lv().virDomainGetUUIDString(this.ptr, buf), "virDomainGetUUIDString");
  }

  /** virDomainGetState: the state and its reason. */
  getState(): { state: number; reason: number } {
    const state = new Int32Array(1);
    const reason = new Int32Array(1);
    check(lv().virDomainGetState(this.ptr, state, reason, 0), "virDomainGetState");
    return { state: state[0], reason: reason[0] };
  }

  /**
   * virDomainGetDiskErrors: the disks with an I/O error since the domain started (or its last
   * resume), by target ("vda"), with virDomainDiskErrorCode (1 UNSPEC, 2 NO_SPACE).
   */
  getDiskErrors(): { disk: string; error: number }[] {
    const count = check(
      lv().virDomainGetDiskErrors(this.ptr, null, 0, 0),
      "virDomainGetDiskErrors",
    );
    if (count <= 0) return [];
    // struct virDomainDiskError { char *disk; int error; }: 16 bytes with padding on 64-bit.
    const buf = new BigUint64Array(count * 2);
    const got = check(
      lv().virDomainGetDiskErrors(this.ptr, buf, count, 0),
      "virDomainGetDiskErrors",
    );
    const view = new DataView(buf.buffer);
    const errors: { disk: string; error: number }[] = [];
    for (let i = 0; i < count; i++) {
      // Every filled entry's string is ours to free, the read ones included.
      const disk = takeString(Deno.UnsafePointer.create(buf[i * 2]));
      if (i < got && disk !== null) errors.push({ disk, error: view.getInt32(i * 16 + 8, true) });
    }
    return errors;
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
    check(lv().virDomainGetInfo(this.ptr, buf), "virDomainGetInfo");
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
    return takeChecked(lv().virDomainGetXMLDesc(this.ptr, flags), "virDomainGetXMLDesc");
  }

  /** virDomainGetAutostart. */
  getAutostart(): boolean {
    return readFlag((out) => lv().virDomainGetAutostart(this.ptr, out), "virDomainGetAutostart");
  }

  /** virDomainIsPersistent. */
  isPersistent(): boolean {
    return check(lv().virDomainIsPersistent(this.ptr), "virDomainIsPersistent") === 1;
  }

  /** virDomainGetBlockInfo for one disk target or source path, sizes in bytes. */
  getBlockInfo(disk: string): { capacity: number; allocation: number; physical: number } {
    const buf = new BigUint64Array(3);
    check(lv().virDomainGetBlockInfo(this.ptr, cString(disk), buf, 0), "virDomainGetBlockInfo");
    return { capacity: Number(buf[0]), allocation: Number(buf[1]), physical: Number(buf[2]) };
  }

  create(): void {
    check(lv().virDomainCreate(this.ptr), "virDomainCreate");
  }
  shutdown(): void {
    check(lv().virDomainShutdown(this.ptr), "virDomainShutdown");
  }
  destroy(): void {
    check(lv().virDomainDestroy(this.ptr), "virDomainDestroy");
  }
  suspend(): void {
    check(lv().virDomainSuspend(this.ptr), "virDomainSuspend");
  }
  resume(): void {
    check(lv().virDomainResume(this.ptr), "virDomainResume");
  }
  reboot(flags = 0): void {
    check(lv().virDomainReboot(this.ptr, flags), "virDomainReboot");
  }
  reset(): void {
    check(lv().virDomainReset(this.ptr, 0), "virDomainReset");
  }
  undefine(flags = 0): void {
    check(lv().virDomainUndefineFlags(this.ptr, flags), "virDomainUndefineFlags");
  }

  /** virDomainIsActive. */
  isActive(): boolean {
    return check(lv().virDomainIsActive(this.ptr), "virDomainIsActive") === 1;
  }

  /** virDomainSetVcpusFlags. */
  setVcpus(count: number, flags: number): void {
    check(lv().virDomainSetVcpusFlags(this.ptr, count, flags), "virDomainSetVcpusFlags");
  }

  /** virDomainSetMemoryFlags, in KiB. */
  setMemory(kib: number, flags: number): void {
    check(lv().virDomainSetMemoryFlags(this.ptr, BigInt(kib), flags), "virDomainSetMemoryFlags");
  }

  /** virDomainSetMetadata for the description or title; null removes it. */
  setMetadata(type: number, value: string | null, flags: number): void {
    check(
      lv().virDomainSetMetadata(
        this.ptr,
        type,
        value === null ? null : cString(value),
        null,
        null,
        flags,
      ),
      "virDomainSetMetadata",
    );
  }

  /**
   * virDomainSetMetadata for an element of our own namespace `uri` (prefix `key`); null removes
   * it. Each namespace holds one element, replaced whole (https://libvirt.org/formatdomain.html#general-metadata).
   */
  setMetadataElement(xml: string | null, key: string, uri: string, flags: number): void {
    check(
      lv().virDomainSetMetadata(
        this.ptr,
        MetadataType.ELEMENT,
        xml === null ? null : cString(xml),
        cString(key),
        cString(uri),
        flags,
      ),
      "virDomainSetMetadata",
    );
  }

  /** virDomainSetAutostart. */
  setAutostart(on: boolean): void {
    check(lv().virDomainSetAutostart(this.ptr, on ? 1 : 0), "virDomainSetAutostart");
  }

  /** virDomainRename (inactive domains only). */
  rename(name: string): void {
    check(lv().virDomainRename(this.ptr, cString(name), 0), "virDomainRename");
  }

  /** virDomainAttachDeviceFlags. */
  attachDevice(xml: string, flags: number): void {
    check(lv().virDomainAttachDeviceFlags(this.ptr, cString(xml), flags), "attach device");
  }

  /** virDomainDetachDeviceFlags. */
  detachDevice(xml: string, flags: number): void {
    check(lv().virDomainDetachDeviceFlags(this.ptr, cString(xml), flags), "detach device");
  }

  /** virDomainUpdateDeviceFlags (CD-ROM media change). */
  updateDevice(xml: string, flags: number): void {
    check(lv().virDomainUpdateDeviceFlags(this.ptr, cString(xml), flags), "update device");
  }

  /** virDomainBlockResize of a running VM's disk, in bytes. */
  blockResize(disk: string, bytes: number): void {
    // VIR_DOMAIN_BLOCK_RESIZE_BYTES = 1: the size is in bytes, not KiB.
    check(lv().virDomainBlockResize(this.ptr, cString(disk), BigInt(bytes), 1), "block resize");
  }

  /** virDomainSnapshotCreateXML. */
  createSnapshot(xml: string, flags = 0): Snapshot {
    return new Snapshot(
      checkPointer(
        lv().virDomainSnapshotCreateXML(this.ptr, cString(xml), flags),
        "virDomainSnapshotCreateXML",
      ),
    );
  }

  /** virDomainListAllSnapshots: caller frees each. */
  listSnapshots(flags = 0): Snapshot[] {
    return listAll(
      "virDomainListAllSnapshots",
      (out) => lv().virDomainListAllSnapshots(this.ptr, out, flags),
      (p) => new Snapshot(p),
    );
  }

  /** virDomainSnapshotLookupByName. */
  lookupSnapshot(name: string): Snapshot {
    return new Snapshot(
      checkPointer(
        lv().virDomainSnapshotLookupByName(this.ptr, cString(name), 0),
        "virDomainSnapshotLookupByName",
      ),
    );
  }

  /** virDomainListAllCheckpoints: caller frees each. */
  listCheckpoints(flags = 0): Checkpoint[] {
    return listAll(
      "virDomainListAllCheckpoints",
      (out) => lv().virDomainListAllCheckpoints(this.ptr, out, flags),
      (p) => new Checkpoint(p),
    );
  }

  /** virDomainCheckpointLookupByName. */
  lookupCheckpoint(name: string): Checkpoint {
    return new Checkpoint(
      checkPointer(
        lv().virDomainCheckpointLookupByName(this.ptr, cString(name), 0),
        "virDomainCheckpointLookupByName",
      ),
    );
  }

  /** virDomainBackupBegin: starts a backup job; a checkpoint is made with it when given. */
  backupBegin(backupXml: string, checkpointXml: string | null, flags = 0): void {
    check(
      lv().virDomainBackupBegin(
        this.ptr,
        cString(backupXml),
        checkpointXml === null ? null : cString(checkpointXml),
        flags,
      ),
      "virDomainBackupBegin",
    );
  }

  /** virDomainBackupGetXMLDesc of the running backup job. */
  backupXml(): string {
    return takeChecked(lv().virDomainBackupGetXMLDesc(this.ptr, 0), "virDomainBackupGetXMLDesc");
  }

  /** virDomainAbortJob. */
  abortJob(): void {
    check(lv().virDomainAbortJob(this.ptr), "virDomainAbortJob");
  }

  /**
   * virDomainGetJobStats: the job type (virDomainJobType) and its typed parameters;
   * `flags` 1 (COMPLETED) reads the last finished job instead of the running one.
   */
  getJobStats(flags = 0): { type: number; params: TypedParams } {
    const type = new Int32Array(1);
    const params = outSlot();
    const count = new Int32Array(1);
    check(
      lv().virDomainGetJobStats(this.ptr, type, params, count, flags),
      "virDomainGetJobStats",
    );
    const ptr = Deno.UnsafePointer.create(params[0]);
    try {
      return { type: type[0], params: readTypedParams(ptr, count[0]) };
    } finally {
      if (ptr) lv().virTypedParamsFree(ptr, count[0]);
    }
  }
}
