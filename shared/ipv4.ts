// IPv4 addresses and subnets as numbers: parsing, CIDR math and range checks for networks,
// DHCP ranges, static hosts and port forwards.

/** The number for a dotted-quad address, or null when `text` is not one (no leading zeros). */
export function parseIpv4(text: unknown): number | null {
  if (typeof text !== "string") return null;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  let value = 0;
  for (const part of m.slice(1)) {
    if (part.length > 1 && part.startsWith("0")) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/** An IPv4 subnet: its network address, prefix length and usable host addresses. */
export interface Subnet {
  network: number;
  prefix: number;
  broadcast: number;
  /** First and last host address (network and broadcast excluded). */
  first: number;
  last: number;
}

export function subnetOf(address: number, prefix: number): Subnet {
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  const broadcast = network + size - 1;
  return { network, prefix, broadcast, first: network + 1, last: broadcast - 1 };
}

/** Parses "192.168.100.0/24" (host bits must be zero); null when malformed. */
export function parseCidr(text: unknown): Subnet | null {
  if (typeof text !== "string") return null;
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const address = parseIpv4(m[1]);
  const prefix = Number(m[2]);
  if (address === null || prefix > 32) return null;
  const subnet = subnetOf(address, prefix);
  return subnet.network === address ? subnet : null;
}

export function formatCidr(subnet: Subnet): string {
  return `${formatIpv4(subnet.network)}/${subnet.prefix}`;
}

/** The prefix length of a dotted netmask such as 255.255.255.0, or null. */
export function netmaskPrefix(mask: string): number | null {
  const value = parseIpv4(mask);
  if (value === null) return null;
  const bits = value.toString(2).padStart(32, "0");
  return /^1*0*$/.test(bits) ? bits.indexOf("0") === -1 ? 32 : bits.indexOf("0") : null;
}

/** True when `address` is a host address of `subnet`. */
export function inSubnet(address: number, subnet: Subnet): boolean {
  return address >= subnet.first && address <= subnet.last;
}

/** True when the two subnets share any address. */
export function subnetsOverlap(a: Subnet, b: Subnet): boolean {
  return a.network <= b.broadcast && b.network <= a.broadcast;
}

/** True when the inclusive ranges [aStart, aEnd] and [bStart, bEnd] share an address. */
export function rangesOverlap(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart <= bEnd && bStart <= aEnd;
}
