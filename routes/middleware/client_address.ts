// The client's address: Deno.serve hands its connection info to Hono as `c.env`.

import type { Context } from "hono";

/**
 * The peer's IP address, or null for in-process requests (tests) that have none. Read it before
 * `next()`: once a WebSocket upgrade is answered, Deno closes the request and this throws.
 */
export function clientAddress(c: Context): string | null {
  const remote = (c.env as Partial<Deno.ServeHandlerInfo> | undefined)?.remoteAddr;
  return remote && "hostname" in remote ? remote.hostname : null;
}
