// Finds the declaration (routes/declare.ts) of a request before it is routed: the auth guard,
// the audit trail and the degraded-store guard run in front of the host apps, and ask here what
// the route they guard needs. Matched with Hono's own trie router, so a path means here what it
// means to the app.

import { TrieRouter } from "hono/router/trie-router";
import type { Need } from "../lib/auth/permissions.ts";
import type { Declared } from "./declare.ts";

export interface Matched {
  route: Declared;
  /** Path parameters, decoded. */
  params: Record<string, string>;
}

export class RouteTable {
  readonly #router = new TrieRouter<Declared>();
  /** Each request's match, found once for the middleware that all ask (metrics, audit, guards). */
  readonly #matched = new WeakMap<Request, Matched | null>();
  readonly routes: readonly Declared[];

  constructor(declared: readonly Declared[]) {
    this.routes = declared;
    for (const route of declared) this.#router.add(route.method.toUpperCase(), route.path, route);
  }

  /** The route a request reaches (HEAD as GET), or null for a path no route declares. */
  match(method: string, path: string): Matched | null {
    const verb = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
    const [found] = this.#router.match(verb, path) as [[Declared, Record<string, string>][]];
    // The first declared of several that match is the one Hono dispatches to.
    const first = found?.[0];
    if (!first) return null;
    const params = Object.fromEntries(
      Object.entries(first[1]).map(([k, v]) => [k, safeDecode(v)]),
    );
    return { route: first[0], params };
  }

  /** `match` for this request, found once however many middleware ask. */
  matchRequest(req: { raw: Request; method: string; path: string }): Matched | null {
    let found = this.#matched.get(req.raw);
    if (found === undefined) {
      found = this.match(req.method, req.path);
      this.#matched.set(req.raw, found);
    }
    return found;
  }
}

/**
 * The table of an app's routes, made at the first request (every route is declared by then):
 * guards are mounted before the routes they guard.
 */
export function lazyTable(app: { declared: readonly Declared[] }): () => RouteTable {
  let table: RouteTable | undefined;
  return () => table ??= new RouteTable(app.declared);
}

/**
 * What a request needs, from the declaration of the route it reaches. A path no route declares
 * answers 404, to signed-in callers only: readers for a read, admins for anything else.
 */
export function needOf(table: RouteTable, method: string, path: string): Need {
  return needOfMatch(table.match(method, path), method);
}

/** needOf for a request already matched. */
export function needOfMatch(found: Matched | null, method: string): Need {
  const verb = method.toUpperCase();
  if (!found) return verb === "GET" || verb === "HEAD" ? { kind: "read" } : { kind: "admin" };
  const { access } = found.route;
  // The route walk proves every "vm" route names its VM as :id.
  return access === "vm" ? { kind: "vm", vm: found.params.id } : { kind: access };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
