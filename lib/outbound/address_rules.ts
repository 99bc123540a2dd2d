// Which addresses a download from a URL may reach: public ones only, unless an admin allowed an
// address or network (a local mirror). Loopback, private, link-local, shared (CGNAT), multicast
// and reserved ranges would let a URL reach this machine's own services or the site's network
// behind it (SSRF); IPv4 inside IPv6 (mapped, translated, NAT64) is judged as the IPv4 address
// it carries, a 6to4 address (2002::/16) by the IPv4 address it routes to; Teredo and local-use
// NAT64 (whose IPv4 sits where a relay or the site decides) are refused whole.

import { ipv6Value } from "../../shared/ipv6.ts";
import { parseIpv4 } from "../../shared/ipv4.ts";

/** An address or network an admin allowed, as numbers: IPv4 in the low 32 bits. */
export interface AllowedRange {
  text: string;
  v6: boolean;
  value: bigint;
  prefix: number;
}

const V4_RULES: [string, number, string][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const V6_RULES: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fc00::", 7, "private (unique local)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
  ["2001:db8::", 32, "documentation"],
  ["2001::", 32, "Teredo tunnel"],
  ["64:ff9b:1::", 48, "local-use NAT64"],
];

const inRange = (value: bigint, base: bigint, prefix: number, bits: number) =>
  (value >> BigInt(bits - prefix)) === (base >> BigInt(bits - prefix));

const V4 = V4_RULES.map(([a, p, why]) => [BigInt(parseIpv4(a)!), p, why] as const);
const V6 = V6_RULES.map(([a, p, why]) => [ipv6Value(a)!, p, why] as const);
const MAPPED = ipv6Value("::ffff:0:0")!;
const TRANSLATED = ipv6Value("::ffff:0:0:0")!;
const NAT64 = ipv6Value("64:ff9b::")!;
const SIX_TO_FOUR = ipv6Value("2002::")!;

/** An address as [v6, value], IPv4 carried in IPv6 unwrapped; null when not an address. */
function numeric(address: string): [boolean, bigint] | null {
  const v4 = parseIpv4(address);
  if (v4 !== null) return [false, BigInt(v4)];
  const v6 = ipv6Value(address.replace(/^\[|\]$/g, ""));
  if (v6 === null) return null;
  if ([MAPPED, TRANSLATED, NAT64].some((base) => inRange(v6, base, 96, 128))) {
    return [false, v6 & 0xffffffffn];
  }
  // IPv4-compatible (::a.b.c.d, deprecated) is refused whole as reserved below.
  return [true, v6];
}

/**
 * Why `address` may not be downloaded from ("loopback", "private" …), or null when it is a
 * public address. Anything that is not an address is "not an address".
 */
export function blockedReason(address: string): string | null {
  const n = numeric(address);
  if (!n) return "not an address";
  const [v6, value] = n;
  if (!v6) {
    for (const [base, prefix, why] of V4) if (inRange(value, base, prefix, 32)) return why;
    return null;
  }
  for (const [base, prefix, why] of V6) if (inRange(value, base, prefix, 128)) return why;
  if (value >> 32n === 0n) return "reserved"; // ::/96, IPv4-compatible
  if (inRange(value, SIX_TO_FOUR, 16, 128)) {
    // 2002:AABB:CCDD::/48 is reached through IPv4 address AA.BB.CC.DD: judged as that one.
    const carried = (value >> 80n) & 0xffffffffn;
    for (const [base, prefix, why] of V4) {
      if (inRange(carried, base, prefix, 32)) return `${why} (6to4)`;
    }
  }
  return null;
}

/** "10.0.0.5", "10.0.0.0/8", "fd00::/8" … as a range; null when it is none of these. */
export function parseAllowed(text: string): AllowedRange | null {
  const [address, bits, extra] = text.trim().split("/");
  if (extra !== undefined) return null;
  // An IPv4-mapped form is taken as the IPv4 address it names.
  const n = numeric(address);
  if (!n) return null;
  const [v6, value] = n;
  const max = v6 ? 128 : 32;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return null;
  // The bits past the prefix must be zero: "10.0.0.5/8" is a host, not a network.
  if (prefix < max && (value & ((1n << BigInt(max - prefix)) - 1n)) !== 0n) return null;
  return { text: text.trim(), v6, value, prefix };
}

/** The allowed range `address` falls in, or null. */
export function allowedBy(address: string, allowed: AllowedRange[]): AllowedRange | null {
  const n = numeric(address);
  if (!n) return null;
  const [v6, value] = n;
  return allowed.find((r) => r.v6 === v6 && inRange(value, r.value, r.prefix, v6 ? 128 : 32)) ??
    null;
}
