// Refuses requests another site makes through the admin's browser: without login, a page
// on any origin could otherwise POST to 127.0.0.1 or open the console WebSocket, and a
// DNS-rebound name could read the API.

import type { MiddlewareHandler } from "hono";
import { AppError } from "../../lib/errors.ts";

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function sameOrigin(): MiddlewareHandler {
  return async function sameOriginGuard(c, next) {
    // Deno.serve builds the URL from the Host header; in-memory requests carry it in the URL.
    const host = new URL(c.req.url).host;
    if (!LOOPBACK_HOST.test(host)) {
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
