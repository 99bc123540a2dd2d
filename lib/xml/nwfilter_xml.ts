// A VM's firewall as libvirt network filter XML (https://libvirt.org/formatnwfilter.html): built
// from checked settings with XMLBuilder (which escapes every value), and read back from what
// libvirt keeps; and the `<filterref>` a NIC carries to use it.
//
// The filter's layout, which reading relies on: libvirt's clean-traffic when anti-spoofing is
// on; allow-dhcp, so a guest still gets its address when inbound traffic is dropped, and the same
// for IPv6 (neighbour discovery and DHCPv6 at priorities 90-96); the rules in order, each rule's
// IPv4 half at 100, 101 … and its IPv6 half at 500, 501 … (a rule kept to one version has one);
// then the policies as `<all/>` and `<all-ipv6/>` rules at 900/901 (out) and 910/911 (in). Accept
// rules are stateful (libvirt's default): an accepted connection's replies pass the other way, so
// "out: accept" lets answers in even when "in" drops. Filters written before IPv6 rules read the
// same: their rules have IPv4 halves only, and so are IPv4 rules.

import { xmlBuilder as builder } from "./builder.ts";
import { parseXml, type XmlNode } from "./parser.ts";
import { asArray } from "./pool_xml.ts";
import {
  attr,
  buildOrdered,
  child,
  childrenNamed,
  element,
  type ONode,
  parseOrdered,
  removeChildren,
  rootElement,
} from "./ordered.ts";
import {
  FIREWALL_ACTIONS,
  FIREWALL_PROTOCOLS,
  type FirewallAction,
  type FirewallFamily,
  type FirewallPolicy,
  type FirewallProtocol,
  type FirewallRule,
  type VmFirewall,
} from "../../shared/vm_firewall.ts";

/** The filter of the VM with this UUID. */
export const vmFilterName = (uuid: string) => `kvmm-vm-${uuid.toLowerCase()}`;

const ANTI_SPOOFING = "clean-traffic";
const DHCP = "allow-dhcp";
const FIRST_RULE_PRIORITY = 100;
/** Where a rule's IPv6 half sits: its IPv4 half's priority plus this. */
const IPV6_OFFSET = 400;
const OUT_POLICY_PRIORITY = 900;
const IN_POLICY_PRIORITY = 910;

/** libvirt's element of a protocol, by IP version. */
const PROTOCOL_ELEMENT: Record<FirewallFamily, Record<FirewallProtocol, string>> = {
  ipv4: { tcp: "tcp", udp: "udp", icmp: "icmp", all: "all" },
  ipv6: { tcp: "tcp-ipv6", udp: "udp-ipv6", icmp: "icmpv6", all: "all-ipv6" },
};

/**
 * What IPv6 needs to work at all, let through ahead of the rules as allow-dhcp is for IPv4:
 * neighbour discovery (router and neighbour solicitations and advertisements, MLDv2 reports)
 * both ways, and DHCPv6 out to servers and back from them.
 */
const IPV6_BASICS = [
  ...[133, 134, 135, 136, 143].map((type, i) => ({
    "@action": "accept",
    "@direction": "inout",
    "@priority": String(90 + i),
    icmpv6: { "@type": String(type) },
  })),
  {
    "@action": "accept",
    "@direction": "out",
    "@priority": "95",
    "udp-ipv6": { "@dstportstart": "547" },
  },
  {
    "@action": "accept",
    "@direction": "in",
    "@priority": "96",
    "udp-ipv6": { "@srcportstart": "547", "@dstportstart": "546" },
  },
];

/** "10.0.0.0/8" → address and prefix; a bare address is the whole prefix (/32, /128). */
function cidrParts(cidr: string, family: FirewallFamily): { addr: string; mask: string } {
  const [addr, prefix] = cidr.split("/");
  return { addr, mask: prefix ?? (family === "ipv4" ? "32" : "128") };
}

/** The IP version of a checked address or CIDR. */
const familyOfRemote = (remote: string): FirewallFamily => remote.includes(":") ? "ipv6" : "ipv4";

/** The versions a rule covers: its address's, the one it names, or both. */
function familiesOf(rule: FirewallRule): FirewallFamily[] {
  if (rule.remote) return [familyOfRemote(rule.remote)];
  return rule.family ? [rule.family] : ["ipv4", "ipv6"];
}

function ruleMatch(rule: FirewallRule, family: FirewallFamily): Record<string, string> {
  const side = rule.direction === "in" ? "src" : "dst";
  const match: Record<string, string> = {};
  if (rule.remote) {
    const { addr, mask } = cidrParts(rule.remote, family);
    match[`@${side}ipaddr`] = addr;
    match[`@${side}ipmask`] = mask;
  }
  if (rule.port && (rule.protocol === "tcp" || rule.protocol === "udp")) {
    const [start, end] = rule.port.split("-");
    match["@dstportstart"] = start;
    match["@dstportend"] = end ?? start;
  }
  if (rule.comment) match["@comment"] = rule.comment;
  return match;
}

/**
 * The filter XML of a VM's firewall settings. `uuid`: the filter's own when it exists already —
 * libvirt refuses a new definition of a filter that names no UUID or another one.
 */
export function vmFilterXml(
  name: string,
  fw: Omit<VmFirewall, "enabled">,
  uuid?: string | null,
): string {
  const policy = (direction: "in" | "out", action: FirewallPolicy, priority: number) => [
    { "@action": action, "@direction": direction, "@priority": String(priority), all: "" },
    {
      "@action": action,
      "@direction": direction,
      "@priority": String(priority + 1),
      "all-ipv6": "",
    },
  ];
  return builder.build({
    filter: {
      "@name": name,
      "@chain": "root",
      ...(uuid ? { uuid } : {}),
      filterref: [
        ...(fw.antiSpoofing ? [{ "@filter": ANTI_SPOOFING }] : []),
        { "@filter": DHCP },
      ],
      rule: [
        ...IPV6_BASICS,
        ...fw.rules.flatMap((r, i) =>
          familiesOf(r).map((family) => ({
            "@action": r.action,
            "@direction": r.direction,
            "@priority": String(
              FIRST_RULE_PRIORITY + i + (family === "ipv6" ? IPV6_OFFSET : 0),
            ),
            [PROTOCOL_ELEMENT[family][r.protocol]]: ruleMatch(r, family),
          }))
        ),
        ...policy("out", fw.outboundPolicy, OUT_POLICY_PRIORITY),
        ...policy("in", fw.inboundPolicy, IN_POLICY_PRIORITY),
      ],
    },
  }) as string;
}

/** One half of a rule as the filter keeps it, with its IP version. */
function halfOf(node: XmlNode): { rule: FirewallRule; family: FirewallFamily } | null {
  let protocol: FirewallProtocol | undefined;
  let family: FirewallFamily = "ipv4";
  for (const f of ["ipv4", "ipv6"] as const) {
    const p = FIREWALL_PROTOCOLS.find((p) => node[PROTOCOL_ELEMENT[f][p]] !== undefined);
    if (p) [protocol, family] = [p, f];
  }
  const action = node["@action"] as FirewallAction;
  const direction = node["@direction"];
  if (!protocol || !FIREWALL_ACTIONS.includes(action)) return null;
  if (direction !== "in" && direction !== "out") return null;
  const element = node[PROTOCOL_ELEMENT[family][protocol]];
  const m: XmlNode = typeof element === "object" ? element : {};
  const side = direction === "in" ? "src" : "dst";
  const addr = m[`@${side}ipaddr`];
  const mask = m[`@${side}ipmask`];
  const whole = family === "ipv4" ? "32" : "128";
  const start = m["@dstportstart"];
  const end = m["@dstportend"];
  const rule: FirewallRule = {
    action,
    direction,
    protocol,
    ...(start ? { port: end && end !== start ? `${start}-${end}` : String(start) } : {}),
    ...(addr ? { remote: mask && String(mask) !== whole ? `${addr}/${mask}` : String(addr) } : {}),
    ...(m["@comment"] ? { comment: String(m["@comment"]) } : {}),
  };
  return { rule, family };
}

/**
 * The rules in order from their halves: a rule with both halves covers both versions; one with
 * a half alone is kept to that version (said by its address, or by `family` without one).
 */
function rulesOf(nodes: XmlNode[]): FirewallRule[] {
  const halves = new Map<number, { rule: FirewallRule; families: FirewallFamily[] }>();
  for (const node of nodes) {
    const priority = Number(node["@priority"]);
    if (!(priority >= FIRST_RULE_PRIORITY && priority < OUT_POLICY_PRIORITY)) continue;
    const half = halfOf(node);
    if (!half) continue;
    const index = priority - FIRST_RULE_PRIORITY -
      (priority >= FIRST_RULE_PRIORITY + IPV6_OFFSET ? IPV6_OFFSET : 0);
    const known = halves.get(index);
    if (known) known.families.push(half.family);
    else halves.set(index, { rule: half.rule, families: [half.family] });
  }
  return [...halves.entries()].sort(([a], [b]) => a - b).map(([, { rule, families }]) =>
    families.length === 1 && !rule.remote ? { ...rule, family: families[0] } : rule
  );
}

/** The UUID libvirt keeps in a filter's XML. */
export function filterUuid(xml: string): string | null {
  const uuid = parseXml(xml).filter?.uuid;
  return typeof uuid === "string" && uuid ? uuid : null;
}

/** A VM's firewall settings as its filter says them (`enabled` is the NICs' business). */
export function vmFirewallOf(xml: string): Omit<VmFirewall, "enabled"> {
  const filter: XmlNode = parseXml(xml).filter ?? {};
  const refs = asArray<XmlNode>(filter.filterref).map((f) => f["@filter"]);
  const rules = asArray<XmlNode>(filter.rule);
  const policyOf = (direction: string, priority: number): FirewallPolicy => {
    const r = rules.find((r) =>
      r["@direction"] === direction && Number(r["@priority"]) === priority && r.all !== undefined
    );
    return r?.["@action"] === "drop" ? "drop" : "accept";
  };
  return {
    antiSpoofing: refs.includes(ANTI_SPOOFING),
    inboundPolicy: policyOf("in", IN_POLICY_PRIORITY),
    outboundPolicy: policyOf("out", OUT_POLICY_PRIORITY),
    rules: rulesOf(rules),
  };
}

/** The filters each NIC of a domain's XML references, by MAC. */
export function nicFilters(domainXml: string): { mac: string; filter: string | null }[] {
  const devices = child(rootElement(parseOrdered(domainXml), "domain"), "devices");
  return (devices ? childrenNamed(devices, "interface") : []).map((nic) => {
    const mac = child(nic, "mac");
    const ref = child(nic, "filterref");
    return {
      mac: (mac && attr(mac, "address") || "").toLowerCase(),
      filter: (ref && attr(ref, "filter")) ?? null,
    };
  });
}

/** One NIC's XML with `filter` referenced (replacing any other), or with none when null. */
export function withFilterref(interfaceXml: string, filter: string | null): string {
  const doc = parseOrdered(interfaceXml);
  const nic: ONode = rootElement(doc, "interface");
  removeChildren(nic, (c) => c.filterref !== undefined);
  if (filter) (nic.interface as ONode[]).push(element("filterref", { filter }));
  return buildOrdered(doc);
}

/** The filter a new NIC of the VM references: the VM's own when its firewall is on, else null. */
export function filterForNewNic(domainXml: string, uuid: string): string | null {
  const filter = vmFilterName(uuid);
  const nics = nicFilters(domainXml);
  return nics.length > 0 && nics.every((n) => n.filter === filter) ? filter : null;
}
