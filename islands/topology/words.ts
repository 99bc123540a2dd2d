// The topology's words: each node's second line and each link's label, in the page's language.

import type { TopologyLink, TopologyNode } from "../../shared/topology.ts";
import type { VmState } from "../../shared/vms.ts";
import { stateLabel } from "../../components/kit/Badge.tsx";
import { vlanText } from "../../components/vlan_text.ts";
import { modeName, networkModeText } from "../networks/mode_names.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

const IFACE_TYPES: Record<string, string> = {
  ethernet: tKey("Ethernet"),
  bond: tKey("Bond"),
  vlan: tKey("VLAN device"),
  bridge: tKey("Linux bridge"),
};

/** A node's second line: what it is, or that libvirt does not have it. */
export function nodeDetail(node: TopologyNode): string {
  switch (node.kind) {
    case "host":
      return t("Host");
    case "vm":
      return stateLabel(node.state as VmState);
    case "network":
      if (node.missing) return t("Network not found");
      if (node.id === "user") return t("User-mode networking");
      if (!node.network) return t("Network");
      return node.network.subnet
        ? `${networkModeText(node.network)} · ${node.network.subnet}`
        : networkModeText(node.network);
    case "bridge":
      if (node.openvswitch) return t("Open vSwitch bridge");
      return node.missing ? t("Bridge not found") : t("Linux bridge");
    case "interface":
      if (node.missing) return t("Not on this host");
      return node.ifaceType && Object.hasOwn(IFACE_TYPES, node.ifaceType)
        ? t(IFACE_TYPES[node.ifaceType])
        : node.ifaceType ?? t("Interface");
  }
}

/** A link's label: a NIC's port group and VLANs, a network's NAT or routing; null for none. */
export function linkLabel(link: TopologyLink): string | null {
  if (link.kind === "nic") {
    const vlan = link.vlan ? vlanText(link.vlan) : null;
    if (link.portgroup && vlan) return `${link.portgroup} · ${vlan}`;
    return link.portgroup ?? vlan;
  }
  if (link.via === "nat" || link.via === "route") return modeName(link.via);
  if (link.via && link.via !== "bridge" && link.via !== "user") return link.via;
  return null;
}

/** A link's hover text: its label and the NIC's MAC address. */
export function linkTitle(link: TopologyLink, from: string, to: string): string {
  const label = linkLabel(link);
  const ends = `${from} → ${to}`;
  const parts = [ends, label, link.mac].filter(Boolean);
  return parts.join(" · ");
}
