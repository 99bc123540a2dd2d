// IPv6 addresses and CIDRs as typed into forms: read the way a URL host reads them (the
// platform's own parser, in the browser and on the server alike), expanded to 128 bits where a
// prefix's host bits must be checked.

/** Whether `text` is an IPv6 address (as a URL host reads it; no zone, no brackets). */
export function isIpv6(text: string): boolean {
  return ipv6Value(text) !== null;
}

/** The address as a 128-bit number; null when `text` is no IPv6 address. */
export function ipv6Value(text: string): bigint | null {
  if (!text.includes(":") || text.length > 45 || /[^0-9a-fA-F:.]/.test(text)) return null;
  let host: string;
  try {
    host = new URL(`http://[${text}]/`).hostname;
  } catch {
    return null;
  }
  // The URL's own form: lower case, "::" for the longest zero run, an IPv4 tail in hex.
  const inner = host.slice(1, -1);
  const [head, tail] = inner.includes("::") ? inner.split("::") : [inner, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === null
    ? left
    : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  if (groups.length !== 8) return null;
  return groups.reduce((value, g) => (value << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/**
 * "2001:db8::/32" → its address and prefix, when the address is IPv6, the prefix 0 to 128 and the
 * bits past the prefix zero (a network, not a host in it); null otherwise.
 */
export function parseIpv6Cidr(text: string): { address: string; prefix: number } | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return null;
  const prefix = Number(m[2]);
  const value = ipv6Value(m[1]);
  if (value === null || prefix > 128) return null;
  const hostBits = (1n << BigInt(128 - prefix)) - 1n;
  return (value & hostBits) === 0n ? { address: m[1], prefix } : null;
}
