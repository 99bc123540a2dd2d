// The listening address: parsing `HOST:PORT` and telling loopback addresses apart (plain HTTP
// is allowed only there). Separate because both the entry point and the TLS choice need it.

import { ConfigError } from "./values.ts";

/** Parses `HOST:PORT` (IPv6 in brackets). `what` names where the value came from. */
export function parseListen(
  value: string,
  what = "--listen",
): { hostname: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s\[\]]+)):(\d{1,5})$/.exec(value);
  if (!m) throw new ConfigError(`Invalid ${what} "${value}": expected HOST:PORT`);
  const hostname = m[1] ?? m[2];
  const port = Number(m[3]);
  if (port > 65535) throw new ConfigError(`Invalid ${what} port ${port}: must be 0-65535`);
  return { hostname, port };
}

/** True for names and addresses only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h);
}
