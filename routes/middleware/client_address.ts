// The client's address: Deno.serve hands its connection info to Hono as `c.env`; behind a
// trusted reverse proxy (`--trusted-proxy`), X-Forwarded-For names it, and only then.

import type { Context, MiddlewareHandler } from "hono";

declare module "hono" {
  interface ContextVariableMap {
    /** Set by clientAddressOf: the client's address, forwarded one included. */
    clientAddress: string | null;
  }
}

/** The TCP peer's IP address, or null for in-process requests (tests) that have none. */
export function peerAddress(c: Context): string | null {
  const remote = (c.env as Partial<Deno.ServeHandlerInfo> | undefined)?.remoteAddr;
  return remote && "hostname" in remote ? remote.hostname : null;
}

/**
 * The client's IP address, or null for in-process requests (tests) that have none. The
 * address clientAddressOf found when it ran; else the peer, or, when the peer is one of
 * `trustedProxies`, the right-most X-Forwarded-For address that is not. Read it before
 * `next()`: once a WebSocket upgrade is answered, Deno closes the request and this throws.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[] = []): string | null {
  const found = c.get("clientAddress");
  if (found !== undefined) return found;
  return forwardedAddress(peerAddress(c), c.req.header("x-forwarded-for"), trustedProxies);
}

/**
 * The client behind `peer`: the peer itself unless it is a trusted proxy; then each proxy
 * appends who it heard from, so the right-most address that is not a trusted proxy is the
 * first one no trusted proxy vouches for. Earlier entries are the client's own claims.
 */
export function forwardedAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string | null {
  if (peer === null || !isTrusted(peer, trustedProxies) || !forwardedFor) return peer;
  const hops = forwardedFor.split(",").map((h) => bareAddress(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i], trustedProxies)) return isAddress(hops[i]) ? hops[i] : peer;
  }
  return hops[0] && isAddress(hops[0]) ? hops[0] : peer;
}

/**
 * Resolves the client's address once, first thing, for everything after it (the audit trail,
 * sign-in): mount it before them.
 */
export function clientAddressOf(
  { trustedProxies = [] }: { trustedProxies?: readonly string[] } = {},
): MiddlewareHandler {
  return async function resolveClientAddress(c, next) {
    c.set(
      "clientAddress",
      forwardedAddress(peerAddress(c), c.req.header("x-forwarded-for"), trustedProxies),
    );
    await next();
  };
}

/** Whether `address` is one of `trusted` (IPv4-mapped IPv6 and ports aside). */
export function isTrusted(address: string, trusted: readonly string[]): boolean {
  const a = normal(address);
  return trusted.some((t) => normal(t) === a);
}

const normal = (address: string) => bareAddress(address).toLowerCase().replace(/^::ffff:/, "");

// "[::1]:443" and "1.2.3.4:80" as some proxies write them; a bare IPv6 address stays whole.
function bareAddress(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1];
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(hop);
  return v4 ? v4[1] : hop;
}

function isAddress(hop: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hop) ||
    /^[0-9a-fA-F:.]{2,45}$/.test(hop) && hop.includes(":");
}
