// A VM's firewall as libvirt network filter XML (https://libvirt.org/formatnwfilter.html): built
// from checked settings with XMLBuilder (which escapes every value), and read back from what
// libvirt keeps; and the `<filterref>` a NIC carries to use it.
//
// The filter's layout, which reading relies on: libvirt's clean-traffic when anti-spoofing is
// on; allow-dhcp, so a guest still gets its address when inbound traffic is dropped; the rules in
// order at priorities 100, 101 …; then the two policies as `<all/>` rules at 900 (out) and 910
// (in). Accept rules are stateful (libvirt's default): an accepted connection's replies pass the
// other way, so "out: accept" lets answers in even when "in" drops.

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
const OUT_POLICY_PRIORITY = 900;
const IN_POLICY_PRIORITY = 910;

/** "10.0.0.0/8" → address and prefix; a bare address is /32. */
function cidrParts(cidr: string): { addr: string; mask: string } {
  const [addr, prefix] = cidr.split("/");
  return { addr, mask: prefix ?? "32" };
}

function ruleMatch(rule: FirewallRule): Record<string, string> {
  const side = rule.direction === "in" ? "src" : "dst";
  const match: Record<string, string> = {};
  if (rule.remote) {
    const { addr, mask } = cidrParts(rule.remote);
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
  const policy = (direction: "in" | "out", action: FirewallPolicy, priority: number) => ({
    "@action": action,
    "@direction": direction,
    "@priority": String(priority),
    all: "",
  });
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
        ...fw.rules.map((r, i) => ({
          "@action": r.action,
          "@direction": r.direction,
          "@priority": String(FIRST_RULE_PRIORITY + i),
          [r.protocol]: ruleMatch(r),
        })),
        policy("out", fw.outboundPolicy, OUT_POLICY_PRIORITY),
        policy("in", fw.inboundPolicy, IN_POLICY_PRIORITY),
      ],
    },
  }) as string;
}

function ruleOf(node: XmlNode): FirewallRule | null {
  const protocol = FIREWALL_PROTOCOLS.find((p) => node[p] !== undefined);
  const action = node["@action"] as FirewallAction;
  const direction = node["@direction"];
  if (!protocol || !FIREWALL_ACTIONS.includes(action)) return null;
  if (direction !== "in" && direction !== "out") return null;
  const m: XmlNode = typeof node[protocol] === "object" ? node[protocol] : {};
  const side = direction === "in" ? "src" : "dst";
  const addr = m[`@${side}ipaddr`];
  const mask = m[`@${side}ipmask`];
  const start = m["@dstportstart"];
  const end = m["@dstportend"];
  return {
    action,
    direction,
    protocol: protocol as FirewallProtocol,
    ...(start ? { port: end && end !== start ? `${start}-${end}` : String(start) } : {}),
    ...(addr ? { remote: mask && mask !== "32" ? `${addr}/${mask}` : String(addr) } : {}),
    ...(m["@comment"] ? { comment: String(m["@comment"]) } : {}),
  };
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
    rules: rules
      .filter((r) => Number(r["@priority"]) < OUT_POLICY_PRIORITY)
      .map(ruleOf)
      .filter((r): r is FirewallRule => r !== null),
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
