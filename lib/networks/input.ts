// Checks network requests before libvirt sees them: names, modes, subnets that overlap no other
// network, DHCP ranges inside the subnet and apart from each other, static hosts.
// Every rule gives a 400 in plain words.

import { AppError } from "../errors.ts";
import {
  formatIpv4,
  inSubnet,
  parseCidr,
  parseIpv4,
  rangesOverlap,
  type Subnet,
  subnetOf,
  subnetsOverlap,
} from "../../shared/ipv4.ts";
import {
  type DhcpHost,
  NETWORK_MODES,
  type NetworkInfo,
  type NetworkMode,
} from "../../shared/networks.ts";
import type { DhcpRange, NetworkSpec } from "../xml/network_xml.ts";

const invalid = (message: string, field: string) =>
  new AppError("INVALID_NETWORK", message, { field });

export const NETWORK_NAME_RULE =
  "Invalid network name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

export function networkNameIssue(name: unknown): string | null {
  return typeof name === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) &&
      !name.includes("..")
    ? null
    : NETWORK_NAME_RULE;
}

function objectOf(input: unknown, fields: string[]): Record<string, unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AppError("BAD_REQUEST", "Body must be a JSON object");
  }
  for (const key of Object.keys(input)) {
    if (!fields.includes(key)) throw invalid(`Unknown field "${key}"`, key);
  }
  return input as Record<string, unknown>;
}

/** Checks DHCP ranges against the network's subnet, its own address and each other. */
export function checkRanges(
  input: unknown,
  subnet: Subnet,
  gateway: number,
  field = "dhcp",
): DhcpRange[] {
  if (!Array.isArray(input) || input.length > 16) {
    throw invalid("DHCP ranges must be a list of {start, end} (at most 16)", field);
  }
  const cidr = `${formatIpv4(subnet.network)}/${subnet.prefix}`;
  const checked = input.map((r) => {
    const range = objectOf(r, ["start", "end"]);
    const start = parseIpv4(range.start);
    const end = parseIpv4(range.end);
    if (start === null || end === null) {
      throw invalid(
        `Invalid DHCP range ${range.start} - ${range.end}: start and end must be IPv4 addresses`,
        field,
      );
    }
    if (!inSubnet(start, subnet) || !inSubnet(end, subnet)) {
      throw invalid(
        `DHCP range ${range.start} - ${range.end} is outside the network's subnet ${cidr}`,
        field,
      );
    }
    if (start > end) {
      throw invalid(`Invalid DHCP range ${range.start} - ${range.end}: start is after end`, field);
    }
    if (gateway >= start && gateway <= end) {
      throw invalid(
        `DHCP range ${range.start} - ${range.end} includes the host's own address ${
          formatIpv4(gateway)
        }`,
        field,
      );
    }
    return { start, end, text: { start: range.start as string, end: range.end as string } };
  });
  for (let i = 0; i < checked.length; i++) {
    for (let j = i + 1; j < checked.length; j++) {
      const a = checked[i], b = checked[j];
      if (rangesOverlap(a.start, a.end, b.start, b.end)) {
        throw invalid(
          `DHCP ranges ${a.text.start} - ${a.text.end} and ${b.text.start} - ${b.text.end} overlap`,
          field,
        );
      }
    }
  }
  return checked.map((r) => r.text);
}

/** The ranges of a `{start, end}`, `{ranges: [...]}` or `{dhcp: null}` body. */
export function rangesOfBody(input: unknown, subnet: Subnet, gateway: number): DhcpRange[] {
  const body = objectOf(input, ["start", "end", "ranges", "dhcp"]);
  if ("dhcp" in body) {
    if (body.dhcp !== null) throw invalid('Use {"dhcp": null} to turn DHCP off', "dhcp");
    return [];
  }
  if ("ranges" in body) return checkRanges(body.ranges, subnet, gateway, "ranges");
  return checkRanges([{ start: body.start, end: body.end }], subnet, gateway);
}

const BRIDGE = /^[A-Za-z0-9_.-]{1,15}$/;

/** True when the host has a Linux bridge called `name` (tests inject their own). */
export type BridgeExists = (name: string) => boolean;

export const hostBridgeExists: BridgeExists = (name) => {
  try {
    return Deno.statSync(`/sys/class/net/${name}/bridge`).isDirectory;
  } catch {
    return false;
  }
};

/** A checked create request. */
export interface NetworkCreate {
  spec: NetworkSpec;
  start: boolean;
  autostart: boolean;
}

/** Checks `POST /api/networks` against the existing networks and the host's bridges. */
export function checkNetworkCreate(
  input: unknown,
  existing: NetworkInfo[],
  bridgeExists: BridgeExists = hostBridgeExists,
): NetworkCreate {
  const body = objectOf(input, [
    "name",
    "mode",
    "subnet",
    "dhcp",
    "ranges",
    "bridge",
    "start",
    "autostart",
  ]);
  const nameIssue = networkNameIssue(body.name);
  if (nameIssue) throw invalid(nameIssue, "name");
  const name = body.name as string;
  if (existing.some((n) => n.name === name)) {
    throw new AppError("ALREADY_EXISTS", `Network already exists: ${name}`, { field: "name" });
  }
  if (!NETWORK_MODES.includes(body.mode as NetworkMode)) {
    throw invalid(
      `Invalid network mode "${body.mode}": must be one of ${NETWORK_MODES.join(", ")}`,
      "mode",
    );
  }
  const mode = body.mode as NetworkMode;
  const flags = {
    start: boolOf(body, "start", true),
    autostart: boolOf(body, "autostart", false),
  };
  if (mode === "bridge") {
    for (const key of ["subnet", "dhcp", "ranges"]) {
      if (body[key] !== undefined && body[key] !== null) {
        throw invalid(
          `A bridge network takes its addresses from the host bridge: remove ${key}`,
          key,
        );
      }
    }
    const bridge = body.bridge;
    if (typeof bridge !== "string" || !BRIDGE.test(bridge)) {
      throw invalid(
        `Invalid bridge name "${bridge}": give an existing host bridge such as br0`,
        "bridge",
      );
    }
    if (!bridgeExists(bridge)) {
      throw invalid(
        `Host bridge ${bridge} does not exist (create it in the host's network settings first)`,
        "bridge",
      );
    }
    return { spec: { name, mode, bridge }, ...flags };
  }
  if (body.bridge !== undefined) throw invalid(`Only bridge networks take a bridge`, "bridge");
  const subnet = parseCidr(body.subnet);
  if (!subnet) {
    throw invalid(`Invalid subnet "${body.subnet}": expected CIDR like 192.168.100.0/24`, "subnet");
  }
  if (subnet.prefix < 8 || subnet.prefix > 30) {
    throw invalid(`Invalid subnet ${body.subnet}: the prefix must be between /8 and /30`, "subnet");
  }
  for (const other of existing) {
    if (!other.ipv4) continue;
    const theirs = parseCidr(other.ipv4.subnet);
    if (theirs && subnetsOverlap(subnet, theirs)) {
      throw invalid(
        `Subnet ${body.subnet} overlaps network ${other.name} (${other.ipv4.subnet})`,
        "subnet",
      );
    }
  }
  const gateway = subnet.first;
  let ranges: DhcpRange[] = [];
  if (body.ranges !== undefined) ranges = checkRanges(body.ranges, subnet, gateway, "ranges");
  else if (body.dhcp !== undefined && body.dhcp !== null) {
    ranges = checkRanges([body.dhcp], subnet, gateway);
  }
  return {
    spec: { name, mode, address: formatIpv4(gateway), prefix: subnet.prefix, ranges },
    ...flags,
  };
}

function boolOf(body: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = body[key];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw invalid(`${key} must be true or false`, key);
  return v;
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Checks a static host against the network's subnet, address, ranges' neighbours and hosts. */
export function checkDhcpHost(input: unknown, ipv4: NonNullable<NetworkInfo["ipv4"]>): DhcpHost {
  const body = objectOf(input, ["mac", "ip", "name"]);
  const mac = typeof body.mac === "string" ? body.mac.toLowerCase() : "";
  if (!MAC.test(mac)) {
    throw invalid(
      `Invalid MAC address "${body.mac}": expected six hex pairs like 52:54:00:12:34:56`,
      "mac",
    );
  }
  const ip = parseIpv4(body.ip);
  const subnet = subnetOf(parseIpv4(ipv4.address)!, ipv4.prefix);
  if (ip === null || !inSubnet(ip, subnet)) {
    throw invalid(
      `Invalid address "${body.ip}": must be inside the network's subnet ${ipv4.subnet}`,
      "ip",
    );
  }
  if (ip === parseIpv4(ipv4.address)) {
    throw invalid(`${body.ip} is the host's own address on this network`, "ip");
  }
  const name = body.name === undefined || body.name === null || body.name === "" ? null : body.name;
  if (name !== null && (typeof name !== "string" || !HOSTNAME.test(name))) {
    throw invalid(`Invalid host name "${name}": letters, digits and '-', up to 63`, "name");
  }
  const clash = ipv4.hosts.find((h) =>
    h.mac === mac || h.ip === body.ip || (name && h.name === name)
  );
  if (clash) {
    throw new AppError(
      "ALREADY_EXISTS",
      `A static host already uses ${
        clash.mac === mac
          ? `MAC ${mac}`
          : clash.ip === body.ip
          ? `address ${body.ip}`
          : `name ${name}`
      }`,
      { field: clash.mac === mac ? "mac" : clash.ip === body.ip ? "ip" : "name" },
    );
  }
  return { mac, ip: body.ip as string, name: name as string | null };
}
