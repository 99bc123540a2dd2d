// A VM's firewall as the API sends and takes it: libvirt network filter rules (nwfilter) on every
// NIC of the VM, kept in libvirt as one filter of the VM's own (`kvmm-vm-<uuid>`).

export const FIREWALL_ACTIONS = ["accept", "drop", "reject"] as const;
export type FirewallAction = typeof FIREWALL_ACTIONS[number];

/** in: traffic to the VM; out: traffic the VM sends. */
export const FIREWALL_DIRECTIONS = ["in", "out"] as const;
export type FirewallDirection = typeof FIREWALL_DIRECTIONS[number];

/** IPv4 protocols a rule matches; `all` is every IPv4 packet. */
export const FIREWALL_PROTOCOLS = ["tcp", "udp", "icmp", "all"] as const;
export type FirewallProtocol = typeof FIREWALL_PROTOCOLS[number];

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
  /** The other side's IPv4 address or CIDR (in: the sender; out: the receiver); absent: any. */
  remote?: string;
  comment?: string;
}

/** `GET`/`PUT /api/vms/:id/firewall`. */
export interface VmFirewall {
  /** Whether the VM's NICs use the filter. */
  enabled: boolean;
  /** libvirt's clean-traffic: no MAC, IP or ARP spoofing by the guest. */
  antiSpoofing: boolean;
  /** What happens to IPv4 traffic no rule matches, each way. */
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
