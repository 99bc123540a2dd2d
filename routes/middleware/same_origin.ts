// Refuses requests another site makes through the admin's browser: a page on any origin could
// otherwise POST here or open the console WebSocket with the admin's cookie. On a loopback
// listener the Host must be loopback too, so a DNS-rebound name cannot reach the API.

import type { MiddlewareHandler } from "hono";
import { AppError } from "../../lib/errors.ts";

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function sameOrigin(
  { loopbackOnly = true }: { loopbackOnly?: boolean } = {},
): MiddlewareHandler {
  return async function sameOriginGuard(c, next) {
    // Deno.serve builds the URL from the Host header; in-memory requests carry it in the URL.
    const host = new URL(c.req.url).host;
    if (loopbackOnly && !LOOPBACK_HOST.test(host)) {
      throw new AppError(
        403,
        "FORBIDDEN_HOST",
        `Requests must address this host by loopback, not "${host}"`,
      );
    }
    const origin = c.req.header("origin");
    const isUpgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
    if (origin && (isUpgrade || !SAFE_METHODS.has(c.req.method))) {
      let originHost = "";
      try {
        originHost = new URL(origin).host;
      } catch { /* "null" or garbage: refused below */ }
      if (originHost.toLowerCase() !== host.toLowerCase()) {
        throw new AppError(403, "CROSS_ORIGIN", `Cross-origin request refused from ${origin}`);
      }
    }
    await next();
  };
}
