// Worker operations on storage pools, volumes and networks: plain data in, plain data out.

import type { Connection } from "./connection.ts";
import { PoolState, StoragePool } from "./storage_pool.ts";
import type { StorageVol } from "./storage_vol.ts";

/** A pool's facts plus its XML (for the target path), read in one worker trip. */
export interface PoolSnapshot {
  name: string;
  active: boolean;
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
  xml: string;
}

function poolSnapshot(pool: StoragePool): PoolSnapshot {
  const info = pool.getInfo();
  return {
    name: pool.getName(),
    active: info.state === PoolState.RUNNING || info.state === PoolState.DEGRADED,
    capacity: info.capacity,
    allocation: info.allocation,
    available: info.available,
    xml: pool.getXMLDesc(),
  };
}

function volumeSnapshot(pool: string, vol: StorageVol): VolumeSnapshot {
  const info = vol.getInfo();
  return {
    pool,
    name: vol.getName(),
    path: vol.getPath(),
    capacity: info.capacity,
    allocation: info.allocation,
    xml: vol.getXMLDesc(),
  };
}

function freeAll(items: { free(): void }[]) {
  for (const item of items) item.free();
}

export const storageOps = {
  poolList(conn: Connection): PoolSnapshot[] {
    const pools = conn.listAllStoragePools();
    try {
      return pools.map(poolSnapshot);
    } finally {
      freeAll(pools);
    }
  },

  poolGet(conn: Connection, name: string): PoolSnapshot {
    using pool = conn.lookupPool(name);
    return poolSnapshot(pool);
  },

  /** Every volume of one active pool. */
  poolVolumes(conn: Connection, name: string): VolumeSnapshot[] {
    using pool = conn.lookupPool(name);
    const vols = pool.listAllVolumes();
    try {
      return vols.map((v) => volumeSnapshot(name, v));
    } finally {
      freeAll(vols);
    }
  },

  poolRefresh(conn: Connection, name: string): void {
    using pool = conn.lookupPool(name);
    pool.refresh();
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

  networkList(conn: Connection): { name: string; active: boolean }[] {
    const nets = conn.listAllNetworks();
    try {
      return nets.map((n) => ({ name: n.getName(), active: n.isActive() }));
    } finally {
      freeAll(nets);
    }
  },
};
