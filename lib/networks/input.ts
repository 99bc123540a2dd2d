// Checks network requests before libvirt sees them: names, modes, subnets that overlap no other
// network, DHCP ranges inside the subnet and apart from each other, static hosts.
// Every rule gives a 400 in plain words.

import { objectNameIssue, objectNameRule } from "../../shared/names.ts";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { closedObject, fieldCodes, refuser, validated } from "../validate.ts";
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
import { type DhcpHost, NETWORK_MODES, type NetworkInfo } from "../../shared/networks.ts";
import type { DhcpRange, NetworkSpec } from "../xml/network_xml.ts";

const invalid = (message: string, field: string) =>
  new AppError("INVALID_NETWORK", message, { field });

export const NETWORK_NAME_RULE = objectNameRule("network");

/** The network name rule; null when `name` is fine. */
export const networkNameIssue = (name: unknown): string | null => objectNameIssue("network", name);

const RANGE_ADDRESS = z.string({
  error: "Invalid DHCP range: start and end must be IPv4 addresses",
})
  .max(15).optional().meta({ description: "An IPv4 address" });

/**
 * One DHCP range; its addresses are read as IPv4 here, placed in the subnet by checkRanges. Both
 * are required by the refinement rather than the shape, so a missing one is refused in the words
 * that name the range.
 */
const DhcpRangeBody = closedObject({ start: RANGE_ADDRESS, end: RANGE_ADDRESS }, {
  code: "INVALID_NETWORK",
}).meta({ required: ["start", "end"] }).superRefine((range, ctx) => {
  if (parseIpv4(range.start) === null || parseIpv4(range.end) === null) {
    ctx.addIssue({
      code: "custom",
      message:
        `Invalid DHCP range ${range.start} - ${range.end}: start and end must be IPv4 addresses`,
      input: range,
      params: { code: "INVALID_NETWORK" },
    });
  }
});

const RANGES_RULE = "DHCP ranges must be a list of {start, end} (at most 16)";
const DhcpRanges = z.array(DhcpRangeBody, { error: RANGES_RULE }).max(16, { error: RANGES_RULE });

/**
 * Checks DHCP ranges against the network's subnet, its own address and each other; their
 * addresses are IPv4 already (DhcpRangeBody).
 */
export function checkRanges(
  ranges: Partial<DhcpRange>[],
  subnet: Subnet,
  gateway: number,
  field = "dhcp",
): DhcpRange[] {
  const cidr = `${formatIpv4(subnet.network)}/${subnet.prefix}`;
  const checked = ranges.map((range) => {
    const start = parseIpv4(range.start)!;
    const end = parseIpv4(range.end)!;
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
    return { start, end, text: { start: range.start!, end: range.end! } };
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

const DHCP_OFF = 'Use {"dhcp": null} to turn DHCP off';
const DHCP_SHAPE = {
  start: RANGE_ADDRESS,
  end: RANGE_ADDRESS,
  ranges: DhcpRanges.optional(),
  dhcp: z.null({ error: DHCP_OFF }).optional(),
};

/** The body of `PUT /api/networks/:net/dhcp`: `{start, end}`, `{ranges: [...]}` or `{dhcp: null}`. */
export const DhcpBody = closedObject(DHCP_SHAPE, { code: "INVALID_NETWORK" }).superRefine(
  (body, ctx) => {
    if ("dhcp" in body || "ranges" in body) return;
    if (parseIpv4(body.start) === null || parseIpv4(body.end) === null) {
      ctx.addIssue({
        code: "custom",
        message:
          `Invalid DHCP range ${body.start} - ${body.end}: start and end must be IPv4 addresses`,
        input: body,
        path: ["dhcp"],
        params: { code: "INVALID_NETWORK" },
      });
    }
  },
);
export const DHCP_CODES = { fields: fieldCodes(DHCP_SHAPE, "INVALID_NETWORK"), nameField: true };

/** The ranges of a `{start, end}`, `{ranges: [...]}` or `{dhcp: null}` body. */
export function rangesOfBody(input: unknown, subnet: Subnet, gateway: number): DhcpRange[] {
  const body = validated(DhcpBody, input, DHCP_CODES);
  if ("dhcp" in body) return [];
  if (body.ranges) return checkRanges(body.ranges, subnet, gateway, "ranges");
  return checkRanges([{ start: body.start!, end: body.end! }], subnet, gateway);
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

const flag = (key: string) => z.boolean({ error: `${key} must be true or false` }).optional();
const SUBNET_FORMAT = (subnet: unknown) =>
  `Invalid subnet "${subnet}": expected CIDR like 192.168.100.0/24`;
const NOT_FOR_BRIDGE = ["subnet", "dhcp", "ranges"] as const;

const CREATE_SHAPE = {
  name: z.string({ error: NETWORK_NAME_RULE }).max(64, { error: NETWORK_NAME_RULE })
    .refine((name) => networkNameIssue(name) === null, { error: NETWORK_NAME_RULE }),
  mode: z.enum(NETWORK_MODES, {
    error: (issue) =>
      `Invalid network mode "${issue.input}": must be one of ${NETWORK_MODES.join(", ")}`,
  }),
  start: flag("start"),
  autostart: flag("autostart"),
  bridge: z.string({ error: (issue) => bridgeRule(issue.input) }).regex(BRIDGE, {
    error: (issue) => bridgeRule(issue.input),
  }).optional().meta({ description: "bridge mode: an existing host bridge, e.g. br0" }),
  subnet: z.string({ error: (issue) => SUBNET_FORMAT(issue.input) }).max(18, {
    error: (issue) => SUBNET_FORMAT(issue.input),
  }).nullable().optional().meta({ description: "The subnet in CIDR form (not for bridge)" }),
  dhcp: DhcpRangeBody.nullable().optional(),
  ranges: DhcpRanges.optional(),
};

function bridgeRule(bridge: unknown): string {
  return `Invalid bridge name "${bridge}": give an existing host bridge such as br0`;
}

/** The body of `POST /api/networks`; the subnet's neighbours and host bridges are checked after. */
export const NetworkCreateBody = closedObject(CREATE_SHAPE, { code: "INVALID_NETWORK" })
  .superRefine((body, ctx) => {
    const refuse = refuser(ctx, body, "INVALID_NETWORK");
    if (body.mode === "bridge") {
      const key = NOT_FOR_BRIDGE.find((k) => body[k] !== undefined && body[k] !== null);
      if (key) {
        refuse(`A bridge network takes its addresses from the host bridge: remove ${key}`, key);
      } else if (body.bridge === undefined) refuse(bridgeRule(body.bridge), "bridge");
      return;
    }
    if (body.bridge !== undefined) return refuse("Only bridge networks take a bridge", "bridge");
    const subnet = parseCidr(body.subnet);
    if (!subnet) return refuse(SUBNET_FORMAT(body.subnet), "subnet");
    if (subnet.prefix < 8 || subnet.prefix > 30) {
      refuse(`Invalid subnet ${body.subnet}: the prefix must be between /8 and /30`, "subnet");
    }
  });
export const NETWORK_CREATE_CODES = {
  fields: fieldCodes(CREATE_SHAPE, "INVALID_NETWORK"),
  nameField: true,
};

/** Checks `POST /api/networks` against the existing networks and the host's bridges. */
export function checkNetworkCreate(
  input: unknown,
  existing: NetworkInfo[],
  bridgeExists: BridgeExists = hostBridgeExists,
): NetworkCreate {
  const body = validated(NetworkCreateBody, input, NETWORK_CREATE_CODES);
  const { name, mode } = body;
  if (existing.some((n) => n.name === name)) {
    throw new AppError("ALREADY_EXISTS", `Network already exists: ${name}`, { field: "name" });
  }
  const flags = { start: body.start ?? true, autostart: body.autostart ?? false };
  if (mode === "bridge") {
    const bridge = body.bridge!;
    if (!bridgeExists(bridge)) {
      throw invalid(
        `Host bridge ${bridge} does not exist (create it in the host's network settings first)`,
        "bridge",
      );
    }
    return { spec: { name, mode, bridge }, ...flags };
  }
  const subnet = parseCidr(body.subnet)!;
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
  else if (body.dhcp) ranges = checkRanges([body.dhcp], subnet, gateway);
  return {
    spec: { name, mode, address: formatIpv4(gateway), prefix: subnet.prefix, ranges },
    ...flags,
  };
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const macRule = (mac: unknown) =>
  `Invalid MAC address "${mac}": expected six hex pairs like 52:54:00:12:34:56`;
const hostNameRule = (name: unknown) =>
  `Invalid host name "${name}": letters, digits and '-', up to 63`;

const HOST_SHAPE = {
  mac: z.string({ error: (issue) => macRule(issue.input) }).max(17, {
    error: (issue) => macRule(issue.input),
  }).refine(
    (mac) => MAC.test(mac.toLowerCase()),
    { error: (issue) => macRule(issue.input) },
  ),
  ip: z.string({ error: (issue) => `Invalid address "${issue.input}": must be an IPv4 address` })
    .max(15, { error: (issue) => `Invalid address "${issue.input}": must be an IPv4 address` }),
  name: z.string({ error: (issue) => hostNameRule(issue.input) }).max(63, {
    error: (issue) => hostNameRule(issue.input),
  }).refine(
    (name) => name === "" || HOSTNAME.test(name),
    { error: (issue) => hostNameRule(issue.input) },
  ).nullable().optional(),
};

/** The body of `POST /api/networks/:net/hosts`; its place in the network is checked after. */
export const DhcpHostBody = closedObject(HOST_SHAPE, { code: "INVALID_NETWORK" });
export const DHCP_HOST_CODES = {
  fields: fieldCodes(HOST_SHAPE, "INVALID_NETWORK"),
  nameField: true,
};

/** Checks a static host against the network's subnet, address, ranges' neighbours and hosts. */
export function checkDhcpHost(input: unknown, ipv4: NonNullable<NetworkInfo["ipv4"]>): DhcpHost {
  const body = validated(DhcpHostBody, input, DHCP_HOST_CODES);
  const mac = body.mac.toLowerCase();
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
  const name = body.name || null;
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
  return { mac, ip: body.ip, name };
}
