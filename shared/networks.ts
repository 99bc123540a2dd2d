// Virtual networks, their DHCP hosts and leases, and port forwards as the API sends and takes them.

import type { NicVlan } from "./vm_kinds.ts";

/** A libvirt network. */
export interface NetworkSummary {
  name: string;
  active: boolean;
  /** Where NICs are offered: the network's port groups by name, and whether it carries VLANs. */
  portgroupNames?: string[];
  carriesVlans?: boolean;
}

/**
 * The network kinds KVM Manager creates: NAT, routed and isolated networks with their own subnet;
 * `bridge` on an existing host bridge (Linux or Open vSwitch); `macvtap` VM ports straight on a
 * host interface; `sriov` a pool of an SR-IOV card's virtual functions, one given to each NIC.
 */
export const NETWORK_MODES = ["nat", "route", "isolated", "bridge", "macvtap", "sriov"] as const;

export type NetworkMode = typeof NETWORK_MODES[number];

/** How macvtap ports reach each other (libvirt's forward modes of a direct network). */
export const MACVTAP_MODES = ["bridge", "vepa", "private", "passthrough"] as const;

export type MacvtapMode = typeof MACVTAP_MODES[number];

/** VLAN tags as a request gives them: several tags make a trunk (NicVlan is what is read). */
export interface VlanRequest {
  tags: number[];
  trunk?: boolean;
  /** On a trunk, the tag whose frames go untagged. */
  nativeTag?: number;
}

/** The VLAN ids 802.1Q allows. */
export const VLAN_ID_MIN = 1;
export const VLAN_ID_MAX = 4094;

/** A named set of port settings of a network that NICs pick (`<portgroup>`): here, its VLANs. */
export interface Portgroup {
  name: string;
  /** The group NICs get when they name none. */
  default: boolean;
  vlan: NicVlan | null;
}

/** A fixed DHCP address for one MAC (`<host>` in libvirt's network XML). */
export interface DhcpHost {
  mac: string;
  ip: string;
  name: string | null;
}

/**
 * `GET /api/networks` and `/api/networks/:name`. Its port groups are `portgroups` (the wizard's
 * NetworkSummary carries only their names).
 */
export interface NetworkInfo extends Omit<NetworkSummary, "portgroupNames"> {
  uuid: string;
  /** nat, route, isolated, bridge, or libvirt's other forward modes (open, passthrough …). */
  mode: string;
  autostart: boolean;
  persistent: boolean;
  /** The Linux bridge the network uses, if any. */
  bridge: string | null;
  /** Its bridge is an Open vSwitch bridge (`<virtualport type='openvswitch'/>`). */
  openvswitch: boolean;
  /** macvtap: the host interface its ports sit on; sriov: the card's physical function. */
  hostInterface: string | null;
  /** macvtap: how its ports reach each other. */
  macvtapMode: MacvtapMode | null;
  /**
   * Whether NICs on it can carry VLAN tags: libvirt tags frames only on Open vSwitch ports,
   * SR-IOV virtual functions and macvtap passthrough; a Linux bridge or NAT passes them as sent.
   */
  carriesVlans: boolean;
  portgroups: Portgroup[];
  /** The IPv4 side, or null for bridge networks and networks without an address. */
  ipv4: {
    /** The host's (gateway) address on the network. */
    address: string;
    prefix: number;
    /** The subnet in CIDR form, e.g. "192.168.100.0/24". */
    subnet: string;
    /** The first DHCP range, or null when the network has none. */
    dhcp: { start: string; end: string } | null;
    /** Every DHCP range (libvirt allows several). */
    ranges: { start: string; end: string }[];
    hosts: DhcpHost[];
  } | null;
  portForwardCount: number;
}

/** `POST /api/networks`. */
export interface NetworkCreateRequest {
  name: string;
  mode: NetworkMode;
  /** nat, route, isolated: the subnet in CIDR form; the host takes the first address. */
  subnet?: string;
  /** A DHCP range inside the subnet; omitted or null for none. */
  dhcp?: { start: string; end: string } | null;
  /** bridge: an existing host bridge, e.g. "br0" (Linux or Open vSwitch, found out). */
  bridge?: string;
  /** macvtap, sriov: the host interface (sriov: the card's physical function). */
  hostInterface?: string;
  /** macvtap: default bridge. */
  macvtapMode?: MacvtapMode;
  /** Port groups with their VLANs (VLANs only where the network carries them). */
  portgroups?: { name: string; default?: boolean; vlan?: VlanRequest | null }[];
  /** Default true. */
  start?: boolean;
  /** Default false. */
  autostart?: boolean;
}

/** One DHCP lease from `GET /api/networks/:name/leases`. */
export interface DhcpLease {
  mac: string;
  ip: string;
  prefix: number;
  hostname: string | null;
  clientId: string | null;
  /** When the lease runs out, as an ISO date, or null when it does not. */
  expiresAt: string | null;
  /** The VM whose NIC has the lease's MAC address; null when no VM of this host has it. */
  vm: { id: string; name: string } | null;
}

/** A port forward of a NAT network: traffic to the host's `hostPort` goes to `guestIp:guestPort`. */
export interface PortForward {
  id: number;
  network: string;
  protocol: "tcp" | "udp";
  hostPort: number;
  guestIp: string;
  guestPort: number;
  description: string;
  /**
   * True when the forward can carry traffic now: its rules are in the firewall, nothing of
   * libvirt's stands ahead of them, and its network runs.
   */
  applied: boolean;
  /** Why it cannot (when `applied` is false), in the user's words. */
  reason: string | null;
}
