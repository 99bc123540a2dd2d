// What the virtual network routes answer (routes/api/networks.ts).

import { z } from "zod";
import {
  type DhcpLease as Lease,
  MACVTAP_MODES,
  type NetworkInfo as Info,
  type PortForward as Forward,
} from "../../../shared/networks.ts";
import { describes } from "./describes.ts";
import { lifecycleFields } from "./parts.ts";

const range = z.object({ start: z.string(), end: z.string() });

const vlan = z.object({
  tags: z.array(z.number().int()).meta({ description: "Several tags make a trunk" }),
  trunk: z.boolean(),
  nativeTag: z.number().int().optional().meta({
    description: "On a trunk, the tag whose frames go untagged",
  }),
});

export const VirtualNetwork = describes<Info>()(
  z.object({
    name: z.string(),
    uuid: z.string(),
    ...lifecycleFields,
    mode: z.string().meta({
      description:
        "nat, route, isolated, bridge, macvtap, sriov, or libvirt's other forward modes (open, passthrough …)",
    }),
    bridge: z.string().nullable().meta({ description: "The Linux bridge the network uses" }),
    openvswitch: z.boolean().meta({ description: "Its bridge is an Open vSwitch bridge" }),
    hostInterface: z.string().nullable().meta({
      description:
        "macvtap: the host interface its ports sit on; sriov: the card's physical function",
    }),
    macvtapMode: z.enum(MACVTAP_MODES).nullable(),
    carriesVlans: z.boolean().meta({
      description:
        "Whether NICs on it can carry VLAN tags (Open vSwitch ports, SR-IOV virtual functions, macvtap passthrough)",
    }),
    portgroups: z.array(z.object({
      name: z.string(),
      default: z.boolean().meta({ description: "The group NICs get when they name none" }),
      vlan: vlan.nullable(),
    })),
    ipv4: z.object({
      address: z.string().meta({ description: "The host's (gateway) address on the network" }),
      prefix: z.number().int(),
      subnet: z.string().meta({ description: 'CIDR, e.g. "192.168.100.0/24"' }),
      dhcp: range.nullable().meta({ description: "The first DHCP range, or null for none" }),
      ranges: z.array(range).meta({ description: "Every DHCP range" }),
      hosts: z.array(z.object({ mac: z.string(), ip: z.string(), name: z.string().nullable() }))
        .meta({ description: "Static DHCP hosts" }),
    }).nullable().meta({
      description: "The IPv4 side; null for bridge networks and networks without an address",
    }),
    portForwardCount: z.number().int(),
  }).meta({ id: "VirtualNetwork" }),
);

export const VirtualNetworkList = z.array(VirtualNetwork);

export const DhcpLease = describes<Lease>()(
  z.object({
    mac: z.string(),
    ip: z.string(),
    prefix: z.number().int(),
    hostname: z.string().nullable(),
    clientId: z.string().nullable(),
    expiresAt: z.string().nullable().meta({
      description: "ISO 8601; null when it does not run out",
    }),
    vm: z.object({ id: z.string(), name: z.string() }).nullable().meta({
      description: "The VM whose NIC has the lease's MAC address, or null",
    }),
  }).meta({ id: "DhcpLease" }),
);

export const DhcpLeaseList = z.array(DhcpLease);

export const PortForward = describes<Forward>()(
  z.object({
    id: z.number().int(),
    network: z.string(),
    protocol: z.enum(["tcp", "udp"]),
    hostPort: z.number().int(),
    guestIp: z.string(),
    guestPort: z.number().int(),
    description: z.string(),
    applied: z.boolean().meta({
      description:
        "Whether it carries traffic now: its rules are in the firewall, nothing stands ahead of them, and its network runs",
    }),
    reason: z.string().nullable().meta({ description: "Why not, when `applied` is false" }),
  }).meta({ id: "PortForward" }),
);

export const PortForwardList = z.array(PortForward);
