// Virtual network XML: built from a checked request with XMLBuilder (which escapes every
// value), read back for the network pages, and the <range>/<host> snippets virNetworkUpdate
// takes (https://libvirt.org/formatnetwork.html).

import { xmlBuilder as builder } from "./builder.ts";
import { formatCidr, netmaskPrefix, parseIpv4, subnetOf } from "../../shared/ipv4.ts";
import {
  type DhcpHost,
  MACVTAP_MODES,
  type MacvtapMode,
  type NetworkInfo,
  type NetworkMode,
  type Portgroup,
} from "../../shared/networks.ts";
import type { NicVlan } from "../../shared/vms.ts";
import { parseXml, type XmlNode } from "./parser.ts";
import { asArray } from "./pool_xml.ts";

export interface DhcpRange {
  start: string;
  end: string;
}

/** A network definition whose values have passed lib/networks/input.ts. */
export interface NetworkSpec {
  name: string;
  mode: NetworkMode;
  /** nat, route, isolated: the host's address and prefix. */
  address?: string;
  prefix?: number;
  ranges?: DhcpRange[];
  /** bridge: the existing host bridge, and whether it is an Open vSwitch one. */
  bridge?: string;
  openvswitch?: boolean;
  /** macvtap, sriov: the host interface (sriov: the physical function). */
  hostInterface?: string;
  macvtapMode?: MacvtapMode;
  portgroups?: Portgroup[];
}

/** `<vlan>` of a NIC or port group: one access tag, or a trunk (the native tag untagged). */
export function vlanNode(vlan: NicVlan): Record<string, unknown> {
  return {
    ...(vlan.trunk ? { "@trunk": "yes" } : {}),
    tag: vlan.tags.map((id) => ({
      "@id": String(id),
      ...(vlan.nativeTag === id ? { "@nativeMode": "untagged" } : {}),
    })),
  };
}

/** The `<vlan>` element's tags as NicVlan; null without one. */
export function vlanOf(vlan: XmlNode | undefined): NicVlan | null {
  const tags = asArray<XmlNode>(vlan?.tag);
  if (!tags.length) return null;
  const native = tags.find((t) => t["@nativeMode"]);
  return {
    tags: tags.map((t) => Number(t["@id"])),
    trunk: vlan!["@trunk"] === "yes" || tags.length > 1,
    ...(native ? { nativeTag: Number(native["@id"]) } : {}),
  };
}

function portgroupNodes(groups: Portgroup[] | undefined) {
  return groups?.length
    ? {
      portgroup: groups.map((g) => ({
        "@name": g.name,
        ...(g.default ? { "@default": "yes" } : {}),
        ...(g.vlan ? { vlan: vlanNode(g.vlan) } : {}),
      })),
    }
    : {};
}

/** The network XML of a host-side mode: a host bridge, macvtap ports or SR-IOV functions. */
function hostSideXml(spec: NetworkSpec): string {
  const forward = spec.mode === "bridge"
    ? { "@mode": "bridge" }
    : spec.mode === "macvtap"
    ? { "@mode": spec.macvtapMode ?? "bridge", interface: { "@dev": spec.hostInterface } }
    : { "@mode": "hostdev", "@managed": "yes", pf: { "@dev": spec.hostInterface } };
  return builder.build({
    network: {
      name: spec.name,
      forward,
      ...(spec.mode === "bridge" ? { bridge: { "@name": spec.bridge } } : {}),
      ...(spec.openvswitch ? { virtualport: { "@type": "openvswitch" } } : {}),
      ...portgroupNodes(spec.portgroups),
    },
  }) as string;
}

export function networkXml(spec: NetworkSpec): string {
  if (spec.mode === "bridge" || spec.mode === "macvtap" || spec.mode === "sriov") {
    return hostSideXml(spec);
  }
  const ranges = (spec.ranges ?? []).map((r) => ({ "@start": r.start, "@end": r.end }));
  return builder.build({
    network: {
      name: spec.name,
      ...(spec.mode === "isolated" ? {} : { forward: { "@mode": spec.mode } }),
      bridge: { "@stp": "on", "@delay": "0" },
      ip: {
        "@address": spec.address,
        "@prefix": spec.prefix,
        ...(ranges.length ? { dhcp: { range: ranges } } : {}),
      },
      ...portgroupNodes(spec.portgroups),
    },
  }) as string;
}

/** `<range start end/>` for virNetworkUpdate's IP_DHCP_RANGE section. */
export function rangeXml(range: DhcpRange): string {
  return builder.build({ range: { "@start": range.start, "@end": range.end } }) as string;
}

/** `<host mac ip name/>` for virNetworkUpdate's IP_DHCP_HOST section. */
export function hostXml(host: DhcpHost): string {
  return builder.build({
    host: { "@mac": host.mac, ...(host.name ? { "@name": host.name } : {}), "@ip": host.ip },
  }) as string;
}

/** What a network's XML says, in NetworkInfo's shape (without the live flags). */
export type NetworkFacts = Pick<
  NetworkInfo,
  | "mode"
  | "bridge"
  | "ipv4"
  | "openvswitch"
  | "hostInterface"
  | "macvtapMode"
  | "carriesVlans"
  | "portgroups"
>;

function ipv4Of(ips: XmlNode[]): NetworkFacts["ipv4"] {
  const ip = ips.find((i) =>
    (i["@family"] ?? "ipv4") === "ipv4" && parseIpv4(i["@address"]) !== null
  );
  if (!ip) return null;
  const address = ip["@address"] as string;
  const prefix = ip["@prefix"] !== undefined
    ? Number(ip["@prefix"])
    : ip["@netmask"] !== undefined
    ? netmaskPrefix(ip["@netmask"]) ?? 24
    : 24;
  const ranges = asArray<XmlNode>(ip.dhcp?.range).map((r) => ({
    start: String(r["@start"]),
    end: String(r["@end"]),
  }));
  const hosts = asArray<XmlNode>(ip.dhcp?.host).map((h) => ({
    mac: String(h["@mac"] ?? "").toLowerCase(),
    ip: String(h["@ip"] ?? ""),
    name: h["@name"] ?? null,
  }));
  return {
    address,
    prefix,
    subnet: formatCidr(subnetOf(parseIpv4(address)!, prefix)),
    dhcp: ranges[0] ?? null,
    ranges,
    hosts,
  };
}

/** Reads mode, bridge and the IPv4 side from a network's XML. */
export function networkFacts(xml: string): NetworkFacts {
  let net: XmlNode = {};
  try {
    net = parseXml(xml).network ?? {};
  } catch {
    // Name and state still show without the details.
  }
  const forward: XmlNode | undefined = net.forward;
  const forwardMode = forward ? String(forward["@mode"] ?? "nat") : "isolated";
  const bridge: string | null = net.bridge?.["@name"] ?? null;
  // libvirt's direct modes are macvtap; its "bridge" mode without a <bridge> is macvtap too.
  const macvtapMode = (MACVTAP_MODES as readonly string[]).includes(forwardMode) &&
      !(forwardMode === "bridge" && bridge)
    ? forwardMode as MacvtapMode
    : null;
  const mode = macvtapMode ? "macvtap" : forwardMode === "hostdev" ? "sriov" : forwardMode;
  const openvswitch = net.virtualport?.["@type"] === "openvswitch";
  return {
    mode,
    bridge,
    ipv4: ipv4Of(asArray<XmlNode>(net.ip)),
    openvswitch,
    hostInterface: asArray<XmlNode>(forward?.pf)[0]?.["@dev"] ??
      asArray<XmlNode>(forward?.interface)[0]?.["@dev"] ?? forward?.["@dev"] ?? null,
    macvtapMode,
    carriesVlans: openvswitch || mode === "sriov" || macvtapMode === "passthrough",
    portgroups: asArray<XmlNode>(net.portgroup).map((g) => ({
      name: String(g["@name"] ?? ""),
      default: g["@default"] === "yes",
      vlan: vlanOf(g.vlan),
    })),
  };
}
