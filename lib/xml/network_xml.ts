// Virtual network XML: built from a checked request with XMLBuilder (which escapes every
// value), read back for the network pages, and the <range>/<host> snippets virNetworkUpdate
// takes (https://libvirt.org/formatnetwork.html).

import { xmlBuilder as builder } from "./builder.ts";
import { formatCidr, netmaskPrefix, parseIpv4, subnetOf } from "../../shared/ipv4.ts";
import type { DhcpHost, NetworkInfo, NetworkMode } from "../../shared/networks.ts";
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
  /** bridge: the existing host bridge. */
  bridge?: string;
}

export function networkXml(spec: NetworkSpec): string {
  if (spec.mode === "bridge") {
    return builder.build({
      network: {
        name: spec.name,
        forward: { "@mode": "bridge" },
        bridge: { "@name": spec.bridge },
      },
    }) as string;
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
export type NetworkFacts = Pick<NetworkInfo, "mode" | "bridge" | "ipv4">;

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
  return {
    mode: net.forward ? String(net.forward["@mode"] ?? "nat") : "isolated",
    bridge: net.bridge?.["@name"] ?? null,
    ipv4: ipv4Of(asArray<XmlNode>(net.ip)),
  };
}
