// Checks network requests before libvirt sees them: names, modes, subnets that overlap no other
// network, DHCP ranges inside the subnet and apart from each other, static hosts.
// Every rule gives a 400 in plain words.

import { objectNameIssue, objectNameRule } from "../../shared/names.ts";
import { t } from "../../shared/i18n/t.ts";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { closedObject, fieldCodes, refuser, trueOrFalse, validated } from "../validate.ts";
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
  MACVTAP_MODES,
  NETWORK_MODES,
  type NetworkInfo,
  type Portgroup,
} from "../../shared/networks.ts";
import { PortgroupsBody } from "./vlan_input.ts";
import { type HostNet, localHostNet } from "./host_net.ts";
import type { DhcpRange, NetworkSpec } from "../xml/network_xml.ts";

const invalid = (message: string, field: string) =>
  new AppError("INVALID_NETWORK", message, { field });

/** The network name rule in the request's words (computed per request, never at load). */
export const networkNameRule = (): string => objectNameRule("network");

/** The network name rule; null when `name` is fine. */
export const networkNameIssue = (name: unknown): string | null => objectNameIssue("network", name);

// The refusals' words are functions, so that zod asks for them per request (in its language).
const RANGE_ADDRESS = z.string({
  error: () => t("Invalid DHCP range: start and end must be IPv4 addresses"),
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
      message: notIpv4Range(range.start, range.end),
      input: range,
      params: { code: "INVALID_NETWORK" },
    });
  }
});

function notIpv4Range(start: unknown, end: unknown): string {
  return t("Invalid DHCP range {{start}} - {{end}}: start and end must be IPv4 addresses", {
    start: String(start),
    end: String(end),
  });
}

const rangesRule = () => t("DHCP ranges must be a list of {start, end} (at most 16)");
const DhcpRanges = z.array(DhcpRangeBody, { error: rangesRule }).max(16, { error: rangesRule });

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
    const given = { start: String(range.start), end: String(range.end) };
    if (!inSubnet(start, subnet) || !inSubnet(end, subnet)) {
      throw invalid(
        t("DHCP range {{start}} - {{end}} is outside the network's subnet {{cidr}}", {
          ...given,
          cidr,
        }),
        field,
      );
    }
    if (start > end) {
      throw invalid(t("Invalid DHCP range {{start}} - {{end}}: start is after end", given), field);
    }
    if (gateway >= start && gateway <= end) {
      throw invalid(
        t("DHCP range {{start}} - {{end}} includes the host's own address {{address}}", {
          ...given,
          address: formatIpv4(gateway),
        }),
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
          t("DHCP ranges {{start}} - {{end}} and {{otherStart}} - {{otherEnd}} overlap", {
            start: a.text.start,
            end: a.text.end,
            otherStart: b.text.start,
            otherEnd: b.text.end,
          }),
          field,
        );
      }
    }
  }
  return checked.map((r) => r.text);
}

const DHCP_SHAPE = {
  start: RANGE_ADDRESS,
  end: RANGE_ADDRESS,
  ranges: DhcpRanges.optional(),
  dhcp: z.null({ error: () => t('Use {"dhcp": null} to turn DHCP off') }).optional(),
};

/** The body of `PUT /api/networks/:net/dhcp`: `{start, end}`, `{ranges: [...]}` or `{dhcp: null}`. */
export const DhcpBody = closedObject(DHCP_SHAPE, { code: "INVALID_NETWORK" }).superRefine(
  (body, ctx) => {
    if ("dhcp" in body || "ranges" in body) return;
    if (parseIpv4(body.start) === null || parseIpv4(body.end) === null) {
      ctx.addIssue({
        code: "custom",
        message: notIpv4Range(body.start, body.end),
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

// Starting with a letter or digit: "." and ".." are no interfaces, and would name sysfs folders.
const BRIDGE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/;

/** A checked create request. */
export interface NetworkCreate {
  spec: NetworkSpec;
  start: boolean;
  autostart: boolean;
}

const flag = (key: string) => trueOrFalse(key).optional();
const SUBNET_FORMAT = (subnet: unknown) =>
  t('Invalid subnet "{{subnet}}": expected CIDR like 192.168.100.0/24', {
    subnet: String(subnet),
  });
const NOT_FOR_BRIDGE = ["subnet", "dhcp", "ranges"] as const;
/** The fields only host-side networks (bridge, macvtap, sriov) take, and who takes each. */
const HOST_SIDE_ONLY = {
  bridge: ["bridge"],
  hostInterface: ["macvtap", "sriov"],
  macvtapMode: ["macvtap"],
} as const;

const CREATE_SHAPE = {
  name: z.string({ error: networkNameRule }).max(64, { error: networkNameRule })
    .refine((name) => networkNameIssue(name) === null, { error: networkNameRule }),
  mode: z.enum(NETWORK_MODES, {
    error: (issue) =>
      t('Invalid network mode "{{mode}}": must be one of {{modes}}', {
        mode: String(issue.input),
        modes: NETWORK_MODES.join(", "),
      }),
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
  hostInterface: z.string({ error: (issue) => interfaceRule(issue.input) }).regex(BRIDGE, {
    error: (issue) => interfaceRule(issue.input),
  }).optional().meta({
    description:
      "macvtap: the host interface its ports sit on; sriov: the card's physical function",
  }),
  macvtapMode: z.enum(MACVTAP_MODES, {
    error: (issue) =>
      t('Invalid macvtap mode "{{mode}}": must be one of {{modes}}', {
        mode: String(issue.input),
        modes: MACVTAP_MODES.join(", "),
      }),
  }).optional().meta({ description: "macvtap: bridge (default), vepa, private or passthrough" }),
  portgroups: PortgroupsBody.optional(),
};

function interfaceRule(name: unknown): string {
  return t('Invalid host interface "{{name}}": give one of the host\'s interfaces such as eth0', {
    name: String(name),
  });
}

function bridgeRule(bridge: unknown): string {
  return t('Invalid bridge name "{{bridge}}": give an existing host bridge such as br0', {
    bridge: String(bridge),
  });
}

/** The body of `POST /api/networks`; the subnet's neighbours and host bridges are checked after. */
export const NetworkCreateBody = closedObject(CREATE_SHAPE, { code: "INVALID_NETWORK" })
  .superRefine((body, ctx) => {
    const refuse = refuser(ctx, body, "INVALID_NETWORK");
    for (const [key, modes] of Object.entries(HOST_SIDE_ONLY)) {
      if (body[key as keyof typeof HOST_SIDE_ONLY] === undefined) continue;
      if ((modes as readonly string[]).includes(body.mode)) continue;
      return refuse(
        t("Only {{modes}} networks take {{key}}", { modes: modes.join(", "), key }),
        key,
      );
    }
    if (body.mode === "bridge" || body.mode === "macvtap" || body.mode === "sriov") {
      const key = NOT_FOR_BRIDGE.find((k) => body[k] !== undefined && body[k] !== null);
      if (key) {
        refuse(
          t("A {{mode}} network takes its addresses from the host's network: remove {{key}}", {
            mode: body.mode,
            key,
          }),
          key,
        );
      } else if (body.mode === "bridge" && body.bridge === undefined) {
        refuse(bridgeRule(body.bridge), "bridge");
      } else if (body.mode !== "bridge" && body.hostInterface === undefined) {
        refuse(interfaceRule(body.hostInterface), "hostInterface");
      }
      return;
    }
    const subnet = parseCidr(body.subnet);
    if (!subnet) return refuse(SUBNET_FORMAT(body.subnet), "subnet");
    if (subnet.prefix < 8 || subnet.prefix > 30) {
      refuse(
        t("Invalid subnet {{subnet}}: the prefix must be between /8 and /30", {
          subnet: String(body.subnet),
        }),
        "subnet",
      );
    }
  });
export const NETWORK_CREATE_CODES = {
  fields: fieldCodes(CREATE_SHAPE, "INVALID_NETWORK"),
  nameField: true,
};

/** Checks `POST /api/networks` against the existing networks and the host's interfaces. */
export async function checkNetworkCreate(
  input: unknown,
  existing: NetworkInfo[],
  host: HostNet = localHostNet,
): Promise<NetworkCreate> {
  const body = validated(NetworkCreateBody, input, NETWORK_CREATE_CODES);
  const { name, mode } = body;
  if (existing.some((n) => n.name === name)) {
    throw new AppError("ALREADY_EXISTS", t("Network already exists: {{name}}", { name }), {
      field: "name",
    });
  }
  const flags = { start: body.start ?? true, autostart: body.autostart ?? false };
  const portgroups = (body.portgroups ?? []).map((g) => ({
    name: g.name,
    default: g.default === true,
    vlan: g.vlan ?? null,
  }));
  const hostSide = await hostSideSpec(body, host);
  if (hostSide === null) {
    // A NAT, routed or isolated network's ports are a Linux bridge's: frames pass as sent.
    refuseVlans(portgroups, false);
  } else {
    refuseVlans(portgroups, hostSide.carriesVlans);
    return { spec: { name, ...hostSide.spec, portgroups }, ...flags };
  }
  const subnet = parseCidr(body.subnet)!;
  for (const other of existing) {
    if (!other.ipv4) continue;
    const theirs = parseCidr(other.ipv4.subnet);
    if (theirs && subnetsOverlap(subnet, theirs)) {
      throw invalid(
        t("Subnet {{subnet}} overlaps network {{name}} ({{theirs}})", {
          subnet: String(body.subnet),
          name: other.name,
          theirs: other.ipv4.subnet,
        }),
        "subnet",
      );
    }
  }
  const gateway = subnet.first;
  let ranges: DhcpRange[] = [];
  if (body.ranges !== undefined) ranges = checkRanges(body.ranges, subnet, gateway, "ranges");
  else if (body.dhcp) ranges = checkRanges([body.dhcp], subnet, gateway);
  return {
    spec: { name, mode, address: formatIpv4(gateway), prefix: subnet.prefix, ranges, portgroups },
    ...flags,
  };
}

type CreateBody = z.output<typeof NetworkCreateBody>;

/** A bridge, macvtap or sriov network checked against the host; null for the other modes. */
async function hostSideSpec(
  body: CreateBody,
  host: HostNet,
): Promise<{ spec: Omit<NetworkSpec, "name">; carriesVlans: boolean } | null> {
  if (body.mode === "bridge") {
    const bridge = body.bridge!;
    const kind = await host.bridgeKind(bridge);
    if (!kind) {
      throw invalid(
        t(
          "Host bridge {{bridge}} does not exist (create it in the host's network settings first)",
          { bridge },
        ),
        "bridge",
      );
    }
    const openvswitch = kind === "openvswitch";
    return { spec: { mode: "bridge", bridge, openvswitch }, carriesVlans: openvswitch };
  }
  if (body.mode !== "macvtap" && body.mode !== "sriov") return null;
  const dev = body.hostInterface!;
  if (!await host.hasInterface(dev)) {
    throw invalid(
      t("Host interface {{name}} does not exist", { name: dev }),
      "hostInterface",
    );
  }
  if (body.mode === "sriov") {
    if (await host.sriovTotalVfs(dev) === 0) {
      throw invalid(
        t("{{name}} makes no SR-IOV virtual functions: its card or driver has no SR-IOV", {
          name: dev,
        }),
        "hostInterface",
      );
    }
    return { spec: { mode: "sriov", hostInterface: dev }, carriesVlans: true };
  }
  const macvtapMode = body.macvtapMode ?? "bridge";
  return {
    spec: { mode: "macvtap", hostInterface: dev, macvtapMode },
    carriesVlans: macvtapMode === "passthrough",
  };
}

/** VLANs in port groups of a network whose ports cannot tag frames: refused, saying why. */
function refuseVlans(groups: Portgroup[], carriesVlans: boolean): void {
  const tagged = groups.find((g) => g.vlan);
  if (tagged && !carriesVlans) {
    throw invalid(
      t(
        "Port group {{name}} has VLAN tags, but this network's ports cannot tag frames: VLANs need an Open vSwitch bridge, SR-IOV or macvtap passthrough",
        { name: tagged.name },
      ),
      "portgroups",
    );
  }
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const macRule = (mac: unknown) =>
  t('Invalid MAC address "{{mac}}": expected six hex pairs like 52:54:00:12:34:56', {
    mac: String(mac),
  });
const hostNameRule = (name: unknown) =>
  t("Invalid host name \"{{name}}\": letters, digits and '-', up to 63", { name: String(name) });
const ipRule = (ip: unknown) =>
  t('Invalid address "{{ip}}": must be an IPv4 address', { ip: String(ip) });

const HOST_SHAPE = {
  mac: z.string({ error: (issue) => macRule(issue.input) }).max(17, {
    error: (issue) => macRule(issue.input),
  }).refine(
    (mac) => MAC.test(mac.toLowerCase()),
    { error: (issue) => macRule(issue.input) },
  ),
  ip: z.string({ error: (issue) => ipRule(issue.input) })
    .max(15, { error: (issue) => ipRule(issue.input) }),
  name: z.string({ error: (issue) => hostNameRule(issue.input) }).max(63, {
    error: (issue) => hostNameRule(issue.input),
  }).refine(
    (name) => name === "" || HOSTNAME.test(name),
    { error: (issue) => hostNameRule(issue.input) },
  ).nullable().optional().meta({
    description: "The guest's host name: letters, digits and '-', up to 63; empty or null: none",
  }),
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
      t('Invalid address "{{ip}}": must be inside the network\'s subnet {{subnet}}', {
        ip: body.ip,
        subnet: ipv4.subnet,
      }),
      "ip",
    );
  }
  if (ip === parseIpv4(ipv4.address)) {
    throw invalid(t("{{ip}} is the host's own address on this network", { ip: body.ip }), "ip");
  }
  const name = body.name || null;
  const clash = ipv4.hosts.find((h) =>
    h.mac === mac || h.ip === body.ip || (name && h.name === name)
  );
  if (clash) {
    throw new AppError(
      "ALREADY_EXISTS",
      clash.mac === mac
        ? t("A static host already uses MAC {{mac}}", { mac })
        : clash.ip === body.ip
        ? t("A static host already uses address {{ip}}", { ip: body.ip })
        : t("A static host already uses name {{name}}", { name: String(name) }),
      { field: clash.mac === mac ? "mac" : clash.ip === body.ip ? "ip" : "name" },
    );
  }
  return { mac, ip: body.ip, name };
}
