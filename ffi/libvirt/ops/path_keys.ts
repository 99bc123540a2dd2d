// The names one file goes by, for telling whether two disk paths are the same file:
// `/pool/./a.qcow2`, `//pool/a.qcow2` and a symlink to it all name `/pool/a.qcow2`.

import { posix } from "node:path";

/**
 * `path` normalized and, when the file is reachable on this machine, its real path. Two paths
 * name the same file when their keys meet; more keys only ever find more sharing (safe for a
 * delete). `cache` spares repeated realPath calls within one check.
 */
export function pathKeys(path: string, cache = new Map<string, string[]>()): string[] {
  const known = cache.get(path);
  if (known) return known;
  const keys = [posix.normalize(path)];
  // Only absolute paths: a relative one (a target's dev='vda') would resolve against our cwd.
  if (path.startsWith("/")) {
    try {
      const real = Deno.realPathSync(path);
      if (!keys.includes(real)) keys.push(real);
    } catch {
      // Not on this machine (or not readable): the normalized string is all there is.
    }
  }
  cache.set(path, keys);
  return keys;
}

/** True when `a` and `b` share a key (see pathKeys). */
export function samePath(a: string[], b: string[]): boolean {
  return a.some((k) => b.includes(k));
}
