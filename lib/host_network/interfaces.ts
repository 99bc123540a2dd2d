// This machine's interfaces as they are now, read from iproute2's JSON (`ip -j -d address show`),
// not from libvirt: libvirt's interface API (netcf) is gone from current distributions, and the
// kernel is what ifreload changes. Also the one rule for which links may take a bridge, which both
// the page's offer and the stage route follow.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { CommandRunner } from "../firewall/run_command.ts";
import type { HostAddress, HostInterface, HostInterfaceKind } from "../../shared/host_network.ts";

/** Far above a host with hundreds of VMs' taps (about 2.5 KiB a link); bounds what is parsed. */
export const IP_OUTPUT_MAX_BYTES = 8 * 1024 * 1024;
/**
 * Addresses shown per link. More are cut, not refused: one link with many addresses must not take
 * the page and the staging of every other link with it. The links themselves are bounded by the
 * output's size only, for the same reason.
 */
const MAX_ADDRESSES = 256;
/** ip answers in milliseconds; one that hangs must not hold the page (or the Networks page). */
const IP_TIMEOUT_MS = 10_000;

/**
 * One address as iproute2 prints it. Entries without an address (iproute2 prints `{}` for
 * some) are kept by the schema and dropped when read.
 */
const IpAddress = z.looseObject({
  family: z.string().optional(),
  local: z.string().optional(),
  prefixlen: z.number().int().optional(),
  scope: z.string().optional(),
});

/** One link of `ip -j -d address show`; the many fields not named here are ignored. */
const IpLink = z.looseObject({
  ifname: z.string().min(1).max(64),
  flags: z.array(z.string()).default([]),
  mtu: z.number().int().nonnegative().default(0),
  /** "ether", "loopback", "none" (a tun), "ipip" … */
  link_type: z.string().optional(),
  /** The hardware address, for link types that have one. */
  address: z.string().optional(),
  master: z.string().optional(),
  /** A VLAN's (macvlan's …) parent, a veth's peer when in the same namespace. */
  link: z.string().nullable().optional(),
  linkinfo: z.looseObject({
    info_kind: z.string().optional(),
    /** A VLAN's id; a bond's mode and MII monitoring interval (ms). */
    info_data: z.looseObject({
      id: z.number().int().optional(),
      mode: z.string().max(32).optional(),
      miimon: z.number().int().optional(),
    }).optional(),
  }).optional(),
  addr_info: z.array(IpAddress).default([]).transform((a) => a.slice(0, MAX_ADDRESSES)),
});
export type IpLink = z.infer<typeof IpLink>;

const IpLinks = z.array(IpLink);

/** Kinds of link a bridge may be made over: a NIC (no kind), a bond, a VLAN, a veth. */
const BRIDGEABLE = new Set([undefined, "bond", "vlan", "veth"]);

/**
 * Whether "bridge this NIC" may be made over `link`: an Ethernet NIC, bond, VLAN or veth that
 * is no other device's port (not a bridge, a tap, a loopback).
 */
export function takesABridge(link: IpLink): boolean {
  return !link.master && link.link_type === "ether" && BRIDGEABLE.has(link.linkinfo?.info_kind);
}

function kindOf(link: IpLink): HostInterfaceKind {
  const kind = link.linkinfo?.info_kind;
  if (kind === "bridge" || kind === "bond" || kind === "vlan" || kind === "veth") return kind;
  // A physical NIC has no link kind; a loopback, a tap (tun) or an ifb is something else.
  return kind === undefined && link.link_type === "ether" ? "nic" : "other";
}

function addressesOf(link: IpLink): HostAddress[] {
  const out: HostAddress[] = [];
  for (const a of link.addr_info) {
    if (a.local === undefined || a.prefixlen === undefined) continue;
    if (a.family !== "inet" && a.family !== "inet6") continue;
    out.push({
      family: a.family === "inet" ? "ipv4" : "ipv6",
      address: a.local,
      prefixLength: a.prefixlen,
      scope: a.scope ?? "global",
    });
  }
  return out;
}

/**
 * `ip -j -d address show`'s output read into the page's interfaces: each link's kind, state,
 * addresses, and a bridge's or bond's ports from the links that name it their master.
 */
export function parseIpAddress(json: string): IpLink[] {
  if (json.length > IP_OUTPUT_MAX_BYTES) throw ipFailed(t("its output is too large"));
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw ipFailed(t("its output is not JSON"));
  }
  const parsed = IpLinks.safeParse(value);
  if (!parsed.success) {
    throw ipFailed(t("its output is not a list of links ({{issue}})", {
      issue: parsed.error.issues[0]?.message ?? "",
    }));
  }
  return parsed.data;
}

/** The links as the page shows them. */
export function interfacesOf(links: IpLink[]): HostInterface[] {
  const ports = new Map<string, string[]>();
  for (const l of links) {
    if (l.master) ports.set(l.master, [...(ports.get(l.master) ?? []), l.ifname]);
  }
  return links.map((link) => {
    const kind = kindOf(link);
    const data = link.linkinfo?.info_data;
    const id = data?.id;
    return {
      name: link.ifname,
      kind,
      up: link.flags.includes("UP"),
      carrier: link.flags.includes("LOWER_UP"),
      mac: link.address && link.link_type === "ether" ? link.address : null,
      mtu: link.mtu,
      addresses: addressesOf(link),
      master: link.master ?? null,
      ports: kind === "bridge" || kind === "bond" ? ports.get(link.ifname) ?? [] : [],
      vlan: kind === "vlan" && link.link && id !== undefined ? { parent: link.link, id } : null,
      bond: kind === "bond" && data?.mode !== undefined
        ? { mode: data.mode, miimon: data.miimon ?? null }
        : null,
      bridgeable: takesABridge(link),
    };
  });
}

/** The host's links now, through `run` (the netns tests run it inside their namespace). */
export async function readLinks(run: CommandRunner): Promise<IpLink[]> {
  let out;
  try {
    out = await run(
      "ip",
      ["-j", "-d", "address", "show"],
      undefined,
      AbortSignal.timeout(IP_TIMEOUT_MS),
    );
  } catch (err) {
    throw ipFailed((err as Error).message);
  }
  if (out.code !== 0) throw ipFailed(out.stderr.trim() || t("no message"));
  return parseIpAddress(out.stdout);
}

const ipFailed = (message: string) =>
  new AppError(
    "HOST_NETWORK_APPLY_FAILED",
    t("ip could not list the host's interfaces: {{message}}", { message }),
  );
