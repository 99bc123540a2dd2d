// While the app store is degraded (its file is corrupt or from a newer build, and the server runs
// on an empty in-memory store instead), refuses changes to what lives in that store: they would
// vanish at the next restart. VMs, consoles, storage, networks and every read keep working.

import type { MiddlewareHandler } from "hono";
import { AppError } from "../../lib/errors.ts";
import { degradedWords } from "../../lib/store.ts";
import type { Matched, RouteTable } from "../route_table.ts";

/**
 * True when `method path` would change something kept in the app store: its route declares
 * `writesStore` (routes/declare.ts). Reads never do; a path no route declares changes nothing.
 */
export function changesStore(table: RouteTable, method: string, path: string): boolean {
  return writesStore(method, table.match(method, path));
}

function writesStore(method: string, found: Matched | null): boolean {
  const verb = method.toUpperCase();
  if (verb === "GET" || verb === "HEAD" || verb === "OPTIONS") return false;
  return found?.route.writesStore === true;
}

/** `reason` is openAppStore's `degraded`; null means healthy and the guard does nothing. */
export function degradedGuard(
  reason: string | null,
  routes: () => RouteTable,
): MiddlewareHandler {
  return async function storeDegradedGuard(c, next) {
    if (reason !== null && writesStore(c.req.method, routes().matchRequest(c.req))) {
      throw new AppError("STORE_UNAVAILABLE", degradedWords(reason));
    }
    await next();
  };
}
