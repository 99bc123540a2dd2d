// Refuses requests another site makes through the admin's browser: a page on any origin could
// otherwise POST here or open the console WebSocket with the admin's cookie. On a loopback
// listener the Host must be loopback too, so a DNS-rebound name cannot reach the API.

import type { MiddlewareHandler } from "hono";
import { AppError } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const BEARER = /^Bearer\s+\S+$/i;

/**
 * The origin (scheme, host and port) a request was addressed to. `forwardedProto` is the scheme
 * a trusted TLS proxy says the browser used; without one, the listener's own.
 */
function ownOrigin(url: URL, forwardedProto: string | undefined): string {
  const scheme = forwardedProto === "https" || forwardedProto === "http"
    ? `${forwardedProto}:`
    : url.protocol;
  const defaultPort = scheme === "https:" ? "443" : "80";
  const port = url.port && url.port !== defaultPort ? `:${url.port}` : "";
  return `${scheme}//${url.hostname}${port}`.toLowerCase();
}

/** The origin a header names, in the same normal form; "" for "null" or garbage. */
function originOf(header: string): string {
  try {
    const url = new URL(header);
    if (url.origin === "null") return "";
    return url.origin.toLowerCase();
  } catch {
    return "";
  }
}

export function sameOrigin(
  { loopbackOnly = true, trustsProxy = () => false }: {
    loopbackOnly?: boolean;
    /** Whether this request came through a trusted proxy, whose X-Forwarded-Proto counts. */
    trustsProxy?: (c: Parameters<MiddlewareHandler>[0]) => boolean;
  } = {},
): MiddlewareHandler {
  return async function sameOriginGuard(c, next) {
    // Deno.serve builds the URL from the Host header; in-memory requests carry it in the URL.
    const url = new URL(c.req.url);
    if (loopbackOnly && !LOOPBACK_HOST.test(url.host)) {
      throw new AppError(
        "FORBIDDEN_HOST",
        t('Requests must address this host by loopback, not "{{host}}"', { host: url.host }),
      );
    }
    const origin = c.req.header("origin");
    const isUpgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
    if (origin === undefined) {
      // Browsers always send Origin with a WebSocket handshake; one without it is a script,
      // which must then prove itself with an API token rather than ride on a cookie.
      if (isUpgrade && !BEARER.test(c.req.header("authorization") ?? "")) {
        throw new AppError(
          "CROSS_ORIGIN",
          t("A WebSocket without an Origin header needs an API token (Authorization: Bearer)"),
        );
      }
    } else if (isUpgrade || !SAFE_METHODS.has(c.req.method)) {
      // Each proxy may add its own: the first is the scheme the browser used.
      const proto = trustsProxy(c)
        ? c.req.header("x-forwarded-proto")?.split(",")[0].trim()
        : undefined;
      if (originOf(origin) !== ownOrigin(url, proto?.toLowerCase())) {
        throw new AppError(
          "CROSS_ORIGIN",
          t("Cross-origin request refused from {{origin}}", { origin }),
        );
      }
    }
    await next();
  };
}
