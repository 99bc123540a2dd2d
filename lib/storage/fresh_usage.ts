// A pool's usage as it is now. libvirt measures a file-system pool's capacity and free space when
// the pool is refreshed (a start, a volume made through libvirt, the Refresh button), so a guest
// filling its disk leaves libvirt's figures behind: a pool that was 93 % full read 52 %. Where
// the pool's folder is on this machine, its file system is asked directly, the same way libvirt
// asks it (statvfs: capacity = blocks, available = free blocks); elsewhere libvirt's last figures
// stay.

import { statfs } from "node:fs/promises";
import type { StatsFs } from "node:fs";
import type { PoolInfo } from "../../shared/storage.ts";

/** Pool types whose figures are their target folder's file system. */
const FILE_SYSTEM_POOLS = new Set(["dir", "fs", "netfs"]);

/** How long a file system (an NFS server gone away) may take before libvirt's figures stand. */
export const STATFS_TIMEOUT_MS = 1_000;

type Usage = Pick<PoolInfo, "capacityBytes" | "allocationBytes" | "availableBytes">;

type StatFs = StatsFs;

/**
 * The statfs calls not answered yet, by path. A call to a file system that hangs (a hard-mounted
 * NFS whose server is gone) holds one of the runtime's blocking threads until it returns, however
 * long: while one is out for a path, no other is started for it, so page reads cannot pile them
 * up until no thread is left for the server's other file work.
 */
const pending = new Map<string, Promise<StatFs | null>>();

function statfsOnce(path: string, read: (path: string) => Promise<StatFs>) {
  if (pending.has(path)) return null;
  const call = read(path).catch(() => null).finally(() => pending.delete(path));
  pending.set(path, call);
  return call;
}

/**
 * The usage of the file system holding `path`; null when it does not answer in time, or an
 * earlier call for it has not answered yet (libvirt's figures then stand).
 */
export async function fileSystemUsage(
  path: string,
  timeoutMs = STATFS_TIMEOUT_MS,
  read: (path: string) => Promise<StatFs> = (p) => statfs(p),
): Promise<Usage | null> {
  const call = statfsOnce(path, read);
  if (!call) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => timer = setTimeout(() => resolve(null), timeoutMs));
  try {
    const s = await Promise.race([call, late]);
    if (!s || !s.blocks) return null;
    // Blocks count in fragment size (statvfs's f_frsize): Deno gives it, Node's typings do not.
    const unit = (s as { frsize?: number }).frsize ?? s.bsize;
    const capacityBytes = s.blocks * unit;
    const availableBytes = s.bfree * unit;
    return { capacityBytes, availableBytes, allocationBytes: capacityBytes - availableBytes };
  } finally {
    clearTimeout(timer);
  }
}

/** `pools` with each active file-system pool's figures read now (all at once, each bounded). */
export function withFreshUsage(
  pools: PoolInfo[],
  usage: (path: string) => Promise<Usage | null> = fileSystemUsage,
): Promise<PoolInfo[]> {
  return Promise.all(pools.map(async (pool) => {
    if (!pool.active || !pool.path || !FILE_SYSTEM_POOLS.has(pool.type)) return pool;
    const now = await usage(pool.path);
    return now ? { ...pool, ...now } : pool;
  }));
}
