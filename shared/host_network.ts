// What the host network API answers (routes/api/host_network.ts), for the server, the UI and the
// CLI alike.

/** A change applied and not yet confirmed. */
export interface PendingChange {
  /** When the change undoes itself, ms since the epoch. */
  deadline: number;
  /** What the confirmation names: this change, not a later one. */
  id: string;
}

/** What an interface is, in the words the page shows (the kernel's link kind, grouped). */
export type HostInterfaceKind = "nic" | "bridge" | "bond" | "vlan" | "veth" | "other";

/** The bonding modes a bond may be staged with (the kernel's names, as ifupdown2's bond-mode takes them). */
export const BOND_MODES = [
  "balance-rr",
  "active-backup",
  "balance-xor",
  "broadcast",
  "802.3ad",
  "balance-tlb",
  "balance-alb",
] as const;
export type BondMode = (typeof BOND_MODES)[number];

/** How an interface gets its addresses: the ones given, from DHCP (IPv4), or none. */
export const ADDRESS_METHODS = ["static", "dhcp", "none"] as const;
export type AddressMethod = (typeof ADDRESS_METHODS)[number];

/** One address of an interface, as `ip address` shows it. */
export interface HostAddress {
  family: "ipv4" | "ipv6";
  address: string;
  prefixLength: number;
  /** "global", "link" (fe80::/10), "host" (loopback) … */
  scope: string;
}

/** One of the host's network interfaces as it is now (`ip -d address show`). */
export interface HostInterface {
  name: string;
  kind: HostInterfaceKind;
  /** Set up by the admin (IFF_UP). */
  up: boolean;
  /** Has a carrier: a cable, a peer, a port that forwards (IFF_LOWER_UP). */
  carrier: boolean;
  mac: string | null;
  mtu: number;
  addresses: HostAddress[];
  /** The bridge or bond it is a port of. */
  master: string | null;
  /** A bridge's or bond's ports, by name. */
  ports: string[];
  /** A VLAN's parent interface and id. */
  vlan: { parent: string; id: number } | null;
  /** A bond's mode and link monitoring interval (ms; 0 is off), as the kernel reports them. */
  bond: { mode: string; miimon: number | null } | null;
  /** Whether "bridge this NIC" is offered for it: a NIC, bond, VLAN or veth that is no port. */
  bridgeable: boolean;
}

/** An interface of the staged file, not yet made: a parent or port later changes may name. */
export interface PlannedInterface {
  name: string;
  kind: "bridge" | "bond" | "vlan";
}

/** A bridge or bond the (staged) interfaces file defines: what its edit form starts from. */
export interface DefinedInterface {
  name: string;
  kind: "bridge" | "bond";
  /** A bridge's ports or a bond's members, as the file names them. */
  ports: string[];
  /** A bond's mode and link check interval (ms), when the file says them. */
  mode: string | null;
  miimon: number | null;
}

/** The host's network as its page shows it. */
export interface HostNetworkState {
  /** The host's interfaces as they are now, by name. */
  interfaces: HostInterface[];
  /** The interfaces file (/etc/network/interfaces) as it is now. */
  file: string;
  /** The staged changes as a unified diff against it; "" when nothing is staged. */
  staged: string;
  /** The change applied and waiting for its confirmation. */
  pending: PendingChange | null;
  /** Bridges, bonds and VLANs the staged changes make that the host does not have yet. */
  planned: PlannedInterface[];
  /** The bridges and bonds the file defines, staged changes included: these can be edited. */
  defined: DefinedInterface[];
}
