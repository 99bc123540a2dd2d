// The client's address: Deno.serve hands its connection info to Hono as `c.env`.

import type { Context } from "hono";

/** The peer's IP address, or "local" for in-process requests (tests) that have none. */
export function clientAddress(c: Context): string {
  const info = c.env as Partial<Deno.ServeHandlerInfo<Deno.NetAddr>> | undefined;
  return info?.remoteAddr?.hostname ?? "local";
}
