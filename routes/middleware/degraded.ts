// While the app store is degraded (its file is corrupt or from a newer build, and the server runs
// on an empty in-memory store instead), refuses changes to what lives in that store: they would
// vanish at the next restart. VMs, consoles, storage, networks and every read keep working.

import type { MiddlewareHandler } from "hono";
import { AppError } from "../../lib/errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Paths whose changes are written to the app store (templates, schedules, backups …). */
export const STORE_BACKED_PATHS: readonly RegExp[] = [
  /^\/api\/templates(\/|$)/,
  /^\/api\/schedules(\/|$)/,
  /^\/api\/backups(\/|$)/,
  /^\/api\/vms\/[^/]+\/backups$/,
  /^\/api\/alerts\/rules(\/|$)/,
  /^\/api\/settings\/metrics(\/|$)/,
  /^\/api\/networks\/[^/]+\/forwards(\/|$)/,
  /^\/api\/audit(\/|$)/,
  /^\/api\/tokens(\/|$)/,
  /^\/api\/users(\/|$)/,
  /^\/api\/profiles(\/|$)/,
  /^\/api\/vms\/[^/]+\/(profile|policy\/overrides)(\/|$)/,
  // Managed hosts are rows of the app store too: one added now would be gone after a restart.
  /^\/api\/hosts(\/|$)/,
];

/** POSTs under those paths that only compute an answer and write nothing. */
const READ_ONLY_POSTS: readonly RegExp[] = [
  /^\/api\/schedules\/preview$/,
  /^\/api\/profiles\/import\/preview$/,
];

/** True when `method path` would change something kept in the app store. */
export function changesStore(method: string, path: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (READ_ONLY_POSTS.some((re) => re.test(path))) return false;
  return STORE_BACKED_PATHS.some((re) => re.test(path));
}

/** `reason` is openAppStore's `degraded`; null means healthy and the guard does nothing. */
export function degradedGuard(reason: string | null): MiddlewareHandler {
  return async function storeDegradedGuard(c, next) {
    if (reason !== null && changesStore(c.req.method, c.req.path)) {
      throw new AppError("STORE_UNAVAILABLE", reason);
    }
    await next();
  };
}
