// Worker operations on storage pools, volumes and networks: plain data in, plain data out.

import type { Connection } from "../connection.ts";
import { PoolState, StoragePool } from "../storage_pool.ts";
import type { StorageVol } from "../storage_vol.ts";
import { ErrorCode, LibvirtError } from "../error.ts";
import { readListed } from "./listed.ts";
import { pathKeys, samePath } from "./path_keys.ts";

/** A pool's facts plus its XML (for the target path), read in one worker trip. */
export interface PoolSnapshot {
  name: string;
  uuid: string;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  /** null while the pool is inactive. */
  volumeCount: number | null;
  capacity: number;
  allocation: number;
  available: number;
  xml: string;
}

/** A volume's facts plus its XML (for format and backing store). */
export interface VolumeSnapshot {
  pool: string;
  name: string;
  path: string;
  capacity: number;
  allocation: number;
  /** Bytes on the storage: what a download sends. */
  physical: number;
  xml: string;
}

function poolSnapshot(pool: StoragePool): PoolSnapshot {
  const info = pool.getInfo();
  const active = info.state === PoolState.RUNNING || info.state === PoolState.DEGRADED;
  return {
    name: pool.getName(),
    uuid: pool.getUUIDString(),
    active,
    autostart: pool.getAutostart(),
    persistent: pool.isPersistent(),
    volumeCount: active ? pool.volumeCount() : null,
    capacity: info.capacity,
    allocation: info.allocation,
    available: info.available,
    xml: pool.getXMLDesc(),
  };
}

/** A pool's volumes: those libvirt could read, and the names of those whose file vanished. */
export interface PoolVolumeListing {
  volumes: VolumeSnapshot[];
  vanished: string[];
}

/**
 * Every volume libvirt lists in `pool`. A file removed behind libvirt's back stays listed until the
 * pool is refreshed, and its facts answer VIR_ERR_NO_STORAGE_VOL (libvirt 9 and 11 alike): such a
 * volume is set aside by name, never turned into the error of whatever read the pool (a delete of
 * another volume, a linked-clone check, a backup). Refreshing the pool is the user's step.
 */
function readVolumes(pool: StoragePool, name: string): PoolVolumeListing {
  const vols = pool.listAllVolumes();
  try {
    const volumes: VolumeSnapshot[] = [];
    const vanished: string[] = [];
    for (const vol of vols) {
      try {
        volumes.push(volumeSnapshot(name, vol));
      } catch (err) {
        if (!(err instanceof LibvirtError && err.code === ErrorCode.NO_STORAGE_VOL)) throw err;
        vanished.push(vol.getName());
      }
    }
    return { volumes, vanished };
  } finally {
    freeAll(vols);
  }
}

function volumeSnapshot(pool: string, vol: StorageVol): VolumeSnapshot {
  const info = vol.getInfo();
  return {
    pool,
    name: vol.getName(),
    path: vol.getPath(),
    capacity: info.capacity,
    allocation: info.allocation,
    physical: physicalSize(vol, info.allocation),
    xml: vol.getXMLDesc(),
  };
}

// Drivers without GetInfoFlags (the test driver) report allocation instead.
function physicalSize(vol: StorageVol, allocation: number): number {
  try {
    return vol.getPhysical();
  } catch {
    return allocation;
  }
}

function xmlUnescape(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

export function freeAll(items: { free(): void }[]) {
  for (const item of items) item.free();
}

export const storageOps = {
  poolList(conn: Connection): PoolSnapshot[] {
    return readListed(conn.listAllStoragePools(), poolSnapshot, ErrorCode.NO_STORAGE_POOL);
  },

  poolGet(conn: Connection, name: string): PoolSnapshot {
    using pool = conn.lookupPool(name);
    return poolSnapshot(pool);
  },

  /** Every volume of one active pool whose file is there (see readVolumes). */
  poolVolumes(conn: Connection, name: string): VolumeSnapshot[] {
    using pool = conn.lookupPool(name);
    return readVolumes(pool, name).volumes;
  },

  /** The volumes of one active pool, and the names of those whose file vanished. */
  poolVolumeListing(conn: Connection, name: string): PoolVolumeListing {
    using pool = conn.lookupPool(name);
    return readVolumes(pool, name);
  },

  poolRefresh(conn: Connection, name: string): void {
    using pool = conn.lookupPool(name);
    pool.refresh();
  },

  /** Defines a pool from XML, optionally builds and starts it; undefines it again on failure. */
  poolDefine(
    conn: Connection,
    xml: string,
    { build, start, autostart }: { build: boolean; start: boolean; autostart: boolean },
  ): PoolSnapshot {
    using pool = conn.definePool(xml);
    try {
      if (build) pool.build();
      if (start) pool.start();
      if (autostart) pool.setAutostart(true);
      return poolSnapshot(pool);
    } catch (err) {
      try {
        pool.undefine();
      } catch {
        // The define error is what the user needs; undefine failing leaves a visible pool.
      }
      throw err;
    }
  },

  /** start | stop | build | refresh one pool. */
  poolAction(
    conn: Connection,
    name: string,
    action: "start" | "stop" | "build" | "refresh",
  ): PoolSnapshot {
    using pool = conn.lookupPool(name);
    if (action === "start") pool.start();
    else if (action === "stop") pool.stop();
    else if (action === "build") pool.build();
    else pool.refresh();
    return poolSnapshot(pool);
  },

  poolSetAutostart(conn: Connection, name: string, on: boolean): PoolSnapshot {
    using pool = conn.lookupPool(name);
    pool.setAutostart(on);
    return poolSnapshot(pool);
  },

  /**
   * Deletes a pool: with `deleteContents`, each volume and then the storage itself (pool must
   * be active for that); then stops and undefines it. Returns the deleted volume names.
   */
  poolDelete(conn: Connection, name: string, deleteContents: boolean): string[] {
    using pool = conn.lookupPool(name);
    const deleted: string[] = [];
    const active = () => {
      const s = pool.getInfo().state;
      return s === PoolState.RUNNING || s === PoolState.DEGRADED;
    };
    if (deleteContents) {
      if (!active()) pool.start();
      pool.refresh();
      const vols = pool.listAllVolumes();
      try {
        for (const vol of vols) {
          const volName = vol.getName();
          vol.delete();
          deleted.push(volName);
        }
      } finally {
        freeAll(vols);
      }
    }
    if (active()) pool.stop();
    if (deleteContents) pool.deleteStorage();
    if (pool.isPersistent()) pool.undefine();
    return deleted;
  },

  /**
   * The VMs whose definition (live or persistent) names any of `paths` as a disk source:
   * path → VM names. Paths are compared by pathKeys (normalized, and real path where the file
   * is on this machine). A VM that goes away while being read is skipped. Two XML reads per VM,
   * so only for deletes, never for lists.
   */
  diskUsers(conn: Connection, paths: string[]): Record<string, string[]> {
    const users: Record<string, string[]> = {};
    const cache = new Map<string, string[]>();
    const wanted = paths.map((p) => [p, pathKeys(p, cache)] as const);
    const doms = conn.listAllDomains();
    try {
      for (const dom of doms) {
        let name: string, xmls: string;
        try {
          name = dom.getName();
          // VIR_DOMAIN_XML_INACTIVE = 2: the definition the VM boots with next time.
          xmls = [dom.getXMLDesc(0), dom.getXMLDesc(2)].join("\n");
        } catch (err) {
          if (err instanceof LibvirtError && err.code === ErrorCode.NO_DOMAIN) continue;
          throw err;
        }
        const sources = [...xmls.matchAll(/\b(?:file|dev)=(['"])(.*?)\1/g)]
          .map((m) => pathKeys(xmlUnescape(m[2]), cache));
        for (const [path, keys] of wanted) {
          if (sources.some((s) => samePath(keys, s))) (users[path] ??= []).push(name);
        }
      }
    } finally {
      freeAll(doms);
    }
    return users;
  },

  /**
   * Every host folder a VM (live or next boot) is given as a `<source dir=…>`: shared folders,
   * and folder-backed disks. A VM that goes away while being read is skipped. Two XML reads per
   * VM, so only for adding a shared folder, never for lists.
   */
  folderSources(conn: Connection): string[] {
    const found = new Set<string>();
    const doms = conn.listAllDomains();
    try {
      for (const dom of doms) {
        let xmls: string;
        try {
          xmls = [dom.getXMLDesc(0), dom.getXMLDesc(2)].join("\n");
        } catch (err) {
          if (err instanceof LibvirtError && err.code === ErrorCode.NO_DOMAIN) continue;
          throw err;
        }
        for (const m of xmls.matchAll(/<source\b[^>]*\bdir=(['"])(.*?)\1/g)) {
          found.add(xmlUnescape(m[2]));
        }
      }
    } finally {
      freeAll(doms);
    }
    return [...found];
  },

  /** One volume of a pool, by name. */
  volumeGet(conn: Connection, poolName: string, name: string): VolumeSnapshot {
    using pool = conn.lookupPool(poolName);
    using vol = pool.lookupVolume(name);
    return volumeSnapshot(poolName, vol);
  },

  volumeDeleteIn(conn: Connection, poolName: string, name: string): void {
    using pool = conn.lookupPool(poolName);
    using vol = pool.lookupVolume(name);
    vol.delete();
  },

  /** Grows a volume of a pool to `capacity` bytes. */
  volumeResizeIn(
    conn: Connection,
    poolName: string,
    name: string,
    capacity: number,
  ): VolumeSnapshot {
    using pool = conn.lookupPool(poolName);
    using vol = pool.lookupVolume(name);
    vol.resize(capacity);
    return volumeSnapshot(poolName, vol);
  },

  /** A full copy of volume `source` of a pool into the same pool, described by `xml`. */
  volumeCloneIn(conn: Connection, poolName: string, source: string, xml: string): VolumeSnapshot {
    using pool = conn.lookupPool(poolName);
    using from = pool.lookupVolume(source);
    using vol = pool.cloneVolume(xml, from);
    return volumeSnapshot(poolName, vol);
  },

  /** The volume at `path` and the pool holding it; NO_STORAGE_VOL when no pool has it. */
  volumeAt(conn: Connection, path: string): VolumeSnapshot {
    using vol = conn.lookupVolumeByPath(path);
    using pool = StoragePool.ofVolume(vol);
    return volumeSnapshot(pool.getName(), vol);
  },

  volumeCreate(conn: Connection, poolName: string, xml: string): VolumeSnapshot {
    using pool = conn.lookupPool(poolName);
    using vol = pool.createVolume(xml);
    return volumeSnapshot(poolName, vol);
  },

  /** A full copy of the volume at `sourcePath` into `poolName`, described by `xml`. */
  volumeClone(conn: Connection, poolName: string, xml: string, sourcePath: string): VolumeSnapshot {
    using source = conn.lookupVolumeByPath(sourcePath);
    using pool = conn.lookupPool(poolName);
    using vol = pool.cloneVolume(xml, source);
    return volumeSnapshot(poolName, vol);
  },

  /** Streams `data` into the volume at `path` from offset 0. */
  volumeUpload(conn: Connection, path: string, data: Uint8Array<ArrayBuffer>): void {
    using vol = conn.lookupVolumeByPath(path);
    using stream = conn.newStream();
    vol.upload(stream, data);
  },

  volumeResize(conn: Connection, path: string, capacity: number): void {
    using vol = conn.lookupVolumeByPath(path);
    vol.resize(capacity);
  },
};
