// Which libvirt host a request is for: `?host=ID` on every host-scoped route, else (pages only)
// the host last chosen in the switcher, else the local one. The API never falls back to the
// cookie, so a script or another tab gets exactly the host it names.

import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { LOCAL_HOST } from "../../shared/hosts.ts";

export const HOST_COOKIE = "kvmm_host";

/** The host a request names, and whether it named it (`?host=`) or a default applied. */
export function requestedHost(c: Context): { id: string; named: boolean } {
  const named = c.req.query("host");
  if (named) return { id: named, named: true };
  if (!c.req.path.startsWith("/api/")) {
    const chosen = getCookie(c, HOST_COOKIE);
    if (chosen) return { id: chosen, named: false };
  }
  return { id: LOCAL_HOST, named: false };
}

/** Whether a request is for a page (not the API, assets or agent files). */
export function isPage(path: string): boolean {
  return !/^\/(api|static|agent)\//.test(path);
}
