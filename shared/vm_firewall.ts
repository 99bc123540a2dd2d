// A VM's firewall as the API sends and takes it: libvirt network filter rules (nwfilter) on every
// NIC of the VM, kept in libvirt as one filter of the VM's own (`kvmm-vm-<uuid>`).

import { parseCidr, parseIpv4 } from "./ipv4.ts";
import { isIpv6, parseIpv6Cidr } from "./ipv6.ts";

export const FIREWALL_ACTIONS = ["accept", "drop", "reject"] as const;
export type FirewallAction = typeof FIREWALL_ACTIONS[number];

/** in: traffic to the VM; out: traffic the VM sends. */
export const FIREWALL_DIRECTIONS = ["in", "out"] as const;
export type FirewallDirection = typeof FIREWALL_DIRECTIONS[number];

/** Protocols a rule matches; `icmp` is ICMPv6 on IPv6, `all` every packet of its family. */
export const FIREWALL_PROTOCOLS = ["tcp", "udp", "icmp", "all"] as const;
export type FirewallProtocol = typeof FIREWALL_PROTOCOLS[number];

/** The IP versions a rule can be kept to; a rule names none to match both. */
export const FIREWALL_FAMILIES = ["ipv4", "ipv6"] as const;
export type FirewallFamily = typeof FIREWALL_FAMILIES[number];

/** The IP version of "10.0.0.0/8", "192.168.1.5", "2001:db8::/32" or "fd00::5"; null for none. */
export function remoteFamily(value: string): FirewallFamily | null {
  if (value.includes("/")) {
    return parseCidr(value) ? "ipv4" : parseIpv6Cidr(value) ? "ipv6" : null;
  }
  return parseIpv4(value) !== null ? "ipv4" : isIpv6(value) ? "ipv6" : null;
}

export const FIREWALL_POLICIES = ["accept", "drop"] as const;
export type FirewallPolicy = typeof FIREWALL_POLICIES[number];

/** The most rules one VM's filter holds. */
export const FIREWALL_RULES_MAX = 200;

export interface FirewallRule {
  action: FirewallAction;
  direction: FirewallDirection;
  protocol: FirewallProtocol;
  /** tcp, udp: the port on the VM (in) or on the other side (out); a range as "8000-8080". */
  port?: string;
  /**
   * The other side's IPv4 or IPv6 address or CIDR (in: the sender; out: the receiver); absent:
   * any. An address keeps the rule to its own IP version.
   */
  remote?: string;
  /** Only IPv4 or only IPv6, for a rule without `remote`; absent: both. */
  family?: FirewallFamily;
  comment?: string;
}

/** `GET`/`PUT /api/vms/:id/firewall`. */
export interface VmFirewall {
  /** Whether the VM's NICs use the filter. */
  enabled: boolean;
  /** libvirt's clean-traffic: no MAC, IP or ARP spoofing by the guest. */
  antiSpoofing: boolean;
  /**
   * What happens to traffic no rule matches, each way, IPv4 and IPv6 alike (IPv6 neighbour
   * discovery and DHCPv6 always pass, as DHCP does).
   */
  inboundPolicy: FirewallPolicy;
  outboundPolicy: FirewallPolicy;
  rules: FirewallRule[];
}

/** What `GET` adds: the filter's name and which NICs use it now. */
export interface VmFirewallState extends VmFirewall {
  filter: string;
  nics: { mac: string; filtered: boolean }[];
  /** The VM's NICs live (running) or in its definition (stopped). */
  live: boolean;
}
