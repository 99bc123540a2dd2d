// The network topology of one host (GET /api/host/topology): its interfaces and bridges, its
// libvirt networks and its VMs as nodes, and what joins them as links, for the topology page to
// lay out (islands/Topology.tsx) and scripts to read.

import type { NetworkInfo } from "./networks.ts";
import type { NicVlan } from "./vms.ts";

/** What a node stands for, in the order the page lays them out from left to right. */
export const TOPOLOGY_KINDS = ["host", "interface", "bridge", "network", "vm"] as const;

export type TopologyKind = typeof TOPOLOGY_KINDS[number];

export interface TopologyNode {
  /** "host", "if:eth0", "net:default", "vm:<uuid>", "user" … unique in one topology. */
  id: string;
  kind: TopologyKind;
  label: string;
  /** A VM's state ("running", "stopped" …); "up" or "down" for the rest. */
  state: string;
  /** The object's own page, where it has one. */
  href: string | null;
  /** libvirt does not know it (a bridge or network a NIC names that is not there). */
  missing?: boolean;
  /** A network's mode and way out, and its IPv4 subnet ("192.168.122.0/24") where it has one. */
  network?: Pick<NetworkInfo, "mode" | "openvswitch" | "macvtapMode" | "hostInterface"> & {
    subnet: string | null;
  };
  /** An interface's or bridge's type as libvirt names it: "ethernet", "bridge", "bond", "vlan". */
  ifaceType?: string;
  /** A bridge is an Open vSwitch bridge (a network on it says so; libvirt's list does not). */
  openvswitch?: boolean;
}

/** How a link joins: a network's way out, a bridge's member, a VM's NIC. */
export type TopologyLinkKind = "uplink" | "member" | "nic";

export interface TopologyLink {
  /** The side nearer the host. */
  from: string;
  /** The side nearer the VMs. */
  to: string;
  kind: TopologyLinkKind;
  /** A NIC's VLAN tags, or its port group's. */
  vlan: NicVlan | null;
  /** A NIC's port group. */
  portgroup: string | null;
  /** A NIC's MAC address. */
  mac: string | null;
  /** How a network or macvtap port reaches out ("nat", "route", "bridge", "vepa" …). */
  via: string | null;
}

export interface Topology {
  nodes: TopologyNode[];
  links: TopologyLink[];
  /** What could not be read (e.g. a host whose libvirt lists no interfaces), in words. */
  notes: string[];
}
