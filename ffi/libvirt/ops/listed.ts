// Host-wide listings that pass over an object removed since it was listed.

import { LibvirtError } from "../error.ts";

/**
 * Reads every listed object and frees them all. One that another client removed between the list
 * and the read answers `gone` (VIR_ERR_NO_STORAGE_POOL, VIR_ERR_NO_NETWORK) and is left out: a
 * listing shows the host as it is, and must not fail because a user in another tab, or a script,
 * undefined one pool while the wizard's host check read them all (seen in CI, ci35).
 */
export function readListed<T extends { free(): void }, R>(
  items: T[],
  read: (item: T) => R,
  gone: number,
): R[] {
  try {
    const out: R[] = [];
    for (const item of items) {
      try {
        out.push(read(item));
      } catch (err) {
        if (!(err instanceof LibvirtError && err.code === gone)) throw err;
      }
    }
    return out;
  } finally {
    for (const item of items) item.free();
  }
}
