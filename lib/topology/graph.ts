// The network topology of one host as nodes and links (shared/topology.ts), built from what
// libvirt lists: the host's interfaces (bridges with their members, bonds, VLAN devices), its
// networks and each VM's NICs. Pure: the service (service.ts) reads, this joins.

import type { HostInterfaceRecord } from "../../ffi/libvirt/ops/host_interface.ts";
import type { Topology, TopologyLink, TopologyNode } from "../../shared/topology.ts";
import type { NetworkInterface, NicVlan, VmState } from "../../shared/vms.ts";
import { networkFacts } from "../xml/network_xml.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";
import { asArray } from "../xml/pool_xml.ts";

export interface TopologyInput {
  /** The host node's label: its host name. */
  hostLabel: string;
  /** libvirt's host interfaces; null where this host's libvirt cannot list them. */
  interfaces: HostInterfaceRecord[] | null;
  networks: { name: string; active: boolean; xml: string }[];
  vms: { id: string; name: string; state: VmState }[];
  /** Each VM's XML, by UUID, for its NICs. */
  domains: { uuid: string; xml: string }[];
}

/**
 * Devices a VM or libvirt makes for itself (VM taps, macvtap ports, the traffic shaper's ifb
 * devices) and the loopback: not part of the host's wiring as an admin draws it.
 */
const NOT_WIRING = /^(lo|ifb\d+|vnet\d+|macvtap\d+|tap.*|vif.*)$/;

/** One host interface as its XML describes it: type, and the interfaces it is made of. */
interface ParsedInterface {
  name: string;
  type: string;
  active: boolean;
  /** A bridge's ports, a bond's slaves, a VLAN device's parent. */
  members: string[];
}

function parseInterface({ name, active, xml }: HostInterfaceRecord): ParsedInterface {
  let node: XmlNode = {};
  try {
    node = asArray<XmlNode>(parseXml(xml).interface)[0] ?? {};
  } catch {
    // Drawn without its members.
  }
  const inner = node.bridge ?? node.bond ?? node.vlan;
  const members = asArray<XmlNode>(inner?.interface).map((i) => String(i["@name"] ?? ""))
    .filter(Boolean);
  return { name, type: String(node["@type"] ?? "ethernet"), active, members };
}

const ifaceId = (name: string) => `if:${name}`;
const netId = (name: string) => `net:${name}`;
const vmHref = (id: string) => `/vms/${encodeURIComponent(id)}`;
const netHref = (name: string) => `/networks/${encodeURIComponent(name)}`;

/** The networks that make their own bridge (NAT, routed, isolated): theirs, not the host's. */
const OWN_BRIDGE_MODES = new Set(["nat", "route", "isolated", "open"]);

export function buildTopology(input: TopologyInput): Topology {
  const nodes = new Map<string, TopologyNode>();
  const links: TopologyLink[] = [];
  const link = (from: string, to: string, kind: TopologyLink["kind"], more = {}) =>
    links.push({ from, to, kind, vlan: null, portgroup: null, mac: null, via: null, ...more });
  const add = (node: TopologyNode) => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
    return nodes.get(node.id)!;
  };
  /** The node of a host interface or bridge a network or NIC names, known to libvirt or not. */
  const iface = (name: string, kind: "interface" | "bridge") =>
    add({
      id: ifaceId(name),
      kind,
      label: name,
      state: "down",
      href: null,
      missing: input.interfaces !== null,
    });

  add({ id: "host", kind: "host", label: input.hostLabel, state: "up", href: "/host/devices" });

  const networks = input.networks.map((n) => ({ ...n, facts: networkFacts(n.xml) }));
  const ownBridges = new Set(
    networks.filter((n) => OWN_BRIDGE_MODES.has(n.facts.mode) && n.facts.bridge)
      .map((n) => n.facts.bridge!),
  );

  // The host's interfaces: each kept one a node, each member a link into what it is part of.
  const parsed = (input.interfaces ?? []).map(parseInterface)
    .filter((i) => !NOT_WIRING.test(i.name) && !ownBridges.has(i.name));
  const memberOf = new Set(parsed.flatMap((i) => i.members));
  for (const i of parsed) {
    add({
      id: ifaceId(i.name),
      kind: i.type === "bridge" ? "bridge" : "interface",
      label: i.name,
      state: i.active ? "up" : "down",
      href: null,
      ifaceType: i.type,
    });
  }
  for (const i of parsed) {
    for (const m of i.members) {
      if (NOT_WIRING.test(m)) continue;
      // Known through the interface it is part of, where libvirt does not list it by itself.
      add({
        id: ifaceId(m),
        kind: "interface",
        label: m,
        state: i.active ? "up" : "down",
        href: null,
      });
      link(ifaceId(m), ifaceId(i.name), "member");
    }
  }
  // The host reaches the world through its interfaces that are no other's member.
  for (const i of parsed) {
    if (!memberOf.has(i.name) && i.type !== "bridge") link("host", ifaceId(i.name), "uplink");
  }

  const portgroupVlan = new Map<string, NicVlan | null>();
  for (const n of networks) {
    const { facts } = n;
    add({
      id: netId(n.name),
      kind: "network",
      label: n.name,
      state: n.active ? "up" : "down",
      href: netHref(n.name),
      network: {
        mode: facts.mode,
        openvswitch: facts.openvswitch,
        macvtapMode: facts.macvtapMode,
        hostInterface: facts.hostInterface,
        subnet: facts.ipv4?.subnet ?? null,
      },
    });
    for (const g of facts.portgroups) portgroupVlan.set(`${n.name}/${g.name}`, g.vlan);
    if (facts.mode === "nat" || facts.mode === "route") {
      const out = facts.hostInterface ? ifaceId(facts.hostInterface) : "host";
      if (facts.hostInterface) iface(facts.hostInterface, "interface");
      link(out, netId(n.name), "uplink", { via: facts.mode });
    } else if (facts.mode === "bridge" && facts.bridge) {
      // Open vSwitch bridges reach libvirt's interface list as plain interfaces, if at all.
      const bridge = iface(facts.bridge, "bridge");
      bridge.kind = "bridge";
      if (facts.openvswitch) bridge.openvswitch = true;
      link(ifaceId(facts.bridge), netId(n.name), "uplink", { via: "bridge" });
    } else if (facts.hostInterface) {
      iface(facts.hostInterface, "interface");
      link(ifaceId(facts.hostInterface), netId(n.name), "uplink", {
        via: facts.macvtapMode ?? facts.mode,
      });
    }
  }

  const nicsOf = new Map<string, NetworkInterface[]>();
  for (const d of input.domains) {
    try {
      nicsOf.set(d.uuid, parseDomainXml(d.xml).networkInterfaces);
    } catch {
      nicsOf.set(d.uuid, []);
    }
  }
  for (const vm of input.vms) {
    const id = `vm:${vm.id}`;
    add({ id, kind: "vm", label: vm.name, state: vm.state, href: vmHref(vm.id) });
    for (const nic of nicsOf.get(vm.id) ?? []) {
      const from = nicSource(nic, add, iface);
      const vlan = nic.vlan ??
        (nic.portgroup ? portgroupVlan.get(`${nic.network}/${nic.portgroup}`) ?? null : null);
      link(from, id, "nic", { vlan, portgroup: nic.portgroup ?? null, mac: nic.mac || null });
    }
  }
  if (nodes.has("user")) link("host", "user", "uplink", { via: "user" });
  return { nodes: [...nodes.values()], links, notes: [] };
}

/** The node a NIC hangs from: its network, bridge or host interface, made when missing. */
function nicSource(
  nic: NetworkInterface,
  add: (n: TopologyNode) => TopologyNode,
  iface: (name: string, kind: "interface" | "bridge") => TopologyNode,
): string {
  switch (nic.type) {
    case "network":
      return add({
        id: netId(nic.network),
        kind: "network",
        label: nic.network,
        state: "down",
        href: null,
        missing: true,
      }).id;
    case "bridge":
      return iface(nic.network, "bridge").id;
    case "direct":
      return iface(nic.network, "interface").id;
    case "user": {
      // QEMU's own NAT inside the VM's process: reaches out through the host.
      const user = add({ id: "user", kind: "network", label: "user", state: "up", href: null });
      return user.id;
    }
    default:
      return add({
        id: `other:${nic.type}`,
        kind: "interface",
        label: nic.type,
        state: "up",
        href: null,
      }).id;
  }
}
