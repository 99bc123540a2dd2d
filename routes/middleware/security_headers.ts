// The browser-side defences on every response: a strict Content-Security-Policy (no inline
// script or style, no framing, no plugins), no sniffing, no referrer, and HSTS under TLS.

import type { MiddlewareHandler } from "hono";

/**
 * 'self' in connect-src also allows ws:/wss: to the same host and port (CSP Level 3; Chromium
 * since 2022), so the console's WebSocket needs no extra source. data: and blob: images: noVNC
 * draws its cursor from a data: URL. No 'unsafe-inline' anywhere: style="" attributes in server
 * HTML are refused, while islands setting element.style from JS stay allowed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

const HSTS = "max-age=31536000";

/**
 * Mount first (`app.use("*", securityHeaders({ hsts }))`) so the headers also reach responses
 * made by later middleware's refusals, onError and notFound. `hsts`: only when serving HTTPS —
 * browsers ignore it over HTTP, and on HTTPS it pins the host to HTTPS for a year.
 */
export function securityHeaders({ hsts }: { hsts: boolean }): MiddlewareHandler {
  const headers = hsts ? { ...HEADERS, "strict-transport-security": HSTS } : HEADERS;
  return async function setSecurityHeaders(c, next) {
    await next();
    // The WebSocket handshake is no document, and Deno's upgrade response must stay the same
    // object (a copy would not upgrade; `new Response` refuses status 101 anyway).
    if (c.res.status === 101) return;
    try {
      for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    } catch (err) {
      // Response.redirect() and fetched responses have immutable headers: answer a copy.
      if (!(err instanceof TypeError)) throw err;
      const copy = new Response(c.res.body, c.res);
      for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
      c.res = undefined;
      c.res = copy;
    }
  };
}
