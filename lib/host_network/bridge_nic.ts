// "Bridge this NIC for VMs" as a change of the interfaces file: a new bridge whose one port is the
// NIC, and the NIC's addresses moved onto the bridge, so that the host keeps its address and VMs
// on the bridge sit on the NIC's LAN. The way Debian's and Proxmox VE's guides write it by hand.

import { parse } from "./interfaces_file.ts";
import { appendStarting, moveAddressing } from "./stanzas.ts";

/** The names libvirt gives VMs' taps. */
const LIBVIRT_TAPS = "^vnet[0-9]+$";

/**
 * The file's text with `bridge` made over `nic`: each of the NIC's stanzas (inet, inet6) gives its
 * method and addressing to one of the bridge's and becomes `manual` with what is left (its mtu,
 * hooks); the bridge takes the NIC's mtu too. A NIC the file does not configure gives a bridge
 * without an address. The bridge starts at boot and brings its port up (ifupdown2 does, whether
 * the NIC has `auto` or not), with STP off and no forwarding delay (one port, and a guest's DHCP
 * must not wait); it is written at the end of the file, everything else stays where and as it was.
 * The NIC may be a bond or VLAN the file makes (stanzas.ts).
 */
export function bridgeNic(text: string, nic: string, bridge: string): string {
  const blocks = parse(text);
  // The NIC's MTU, which it keeps, is the bridge's too: ifupdown2 gives a bridge without one
  // 1500, and a bridge larger than its port drops the larger frames without a word (a TCP
  // connection then stalls once an answer outgrows the port: seen with an MTU of 1400).
  const { stanzas, mtu } = moveAddressing(blocks, nic, bridge);
  // The bridge's ports are said once, in its first stanza (ifupdown2 merges the families).
  // libvirt's taps (vnetN) are condoned: ifupdown2 leaves them on the bridge when it reloads,
  // so running VMs keep their network (guest_ports.ts puts back what it takes off elsewhere).
  stanzas[0].options.push(
    ...(mtu ? [mtu] : []),
    ["bridge-ports", nic],
    ["bridge-ports-condone-regex", LIBVIRT_TAPS],
    ["bridge-stp", "off"],
    ["bridge-fd", "0"],
  );
  return appendStarting(blocks, bridge, stanzas);
}
