// Virtual networks, their DHCP hosts and leases, and port forwards as the API sends and takes them.

/** A libvirt network. */
export interface NetworkSummary {
  name: string;
  active: boolean;
}

/** The network kinds KVM Manager creates. */
export const NETWORK_MODES = ["nat", "route", "isolated", "bridge"] as const;

export type NetworkMode = typeof NETWORK_MODES[number];

/** A fixed DHCP address for one MAC (`<host>` in libvirt's network XML). */
export interface DhcpHost {
  mac: string;
  ip: string;
  name: string | null;
}

/** `GET /api/networks` and `/api/networks/:name`. */
export interface NetworkInfo extends NetworkSummary {
  uuid: string;
  /** nat, route, isolated, bridge, or libvirt's other forward modes (open, passthrough …). */
  mode: string;
  autostart: boolean;
  persistent: boolean;
  /** The Linux bridge the network uses, if any. */
  bridge: string | null;
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
  /** bridge: an existing host bridge, e.g. "br0". */
  bridge?: string;
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
  /** True when the rule is in the firewall now (the network is NAT and the host allows it). */
  applied: boolean;
}
