// The interfaces file's stanzas as the host network page changes them, beside "bridge this NIC"
// (bridge_nic.ts): a bond over NICs, a VLAN over a parent, an interface's addresses, and a
// bridge, bond or VLAN deleted. Each takes the file's text and gives it back changed, in
// ifupdown2's words (bond-slaves, bond-mode, bond-miimon, vlan-raw-device, vlan-id); what it
// does not change stays byte for byte (interfaces_file.ts).

import {
  type Block,
  type IfaceStanza,
  parse,
  serialize,
  stanzasOf,
  startsAtBoot,
} from "./interfaces_file.ts";
import type { BondMode } from "../../shared/host_network.ts";

/** Options that say where the host is on the network: they move with its address. */
export const ADDRESSING = new Set([
  "address",
  "netmask",
  "broadcast",
  "network",
  "gateway",
  "metric",
  "pointopoint",
  "hostname",
  "scope",
  "dns-nameservers",
  "dns-search",
  "dns-domain",
]);

/** How an interface gets its addresses (the address body, input.ts). */
export type Addressing =
  | { method: "static"; addresses: string[]; gateway?: string }
  | { method: "dhcp" }
  | { method: "none" };

/** What the file makes of an interface: a bridge, bond or VLAN, or something it only configures. */
export type FileKind = "bridge" | "bond" | "vlan";

const words = (value: string) => value.split(/\s+/).filter((w) => w !== "");
const isV6 = (address: string) => address.includes(":");

/**
 * The stanzas `to` takes from `from`: each of `from`'s stanzas (inet, inet6) gives its method and
 * addressing to one of `to`'s and becomes `manual` with what is left (its mtu, hooks). `mtu` is
 * `from`'s, which `to` should take too: a bridge or bond larger than its port drops the larger
 * frames without a word.
 */
export function moveAddressing(
  blocks: Block[],
  from: string,
  to: string,
): { stanzas: IfaceStanza[]; mtu: [string, string] | undefined } {
  const stanzas: IfaceStanza[] = [];
  const mtu = stanzasOf(blocks, from).flatMap((st) => st.options).find(([k]) => k === "mtu");
  for (const stanza of stanzasOf(blocks, from)) {
    stanzas.push({
      kind: "iface",
      name: to,
      family: stanza.family,
      method: stanza.method,
      options: stanza.options.filter(([k]) => ADDRESSING.has(k)),
    });
    stanza.options = stanza.options.filter(([k]) => !ADDRESSING.has(k));
    // A stanza without a family (`iface eno1`, ifupdown2's own form) stays without one: its
    // addresses are gone, so it configures none. One with a family takes `manual`.
    if (stanza.family !== "") stanza.method = "manual";
    delete stanza.text;
  }
  if (stanzas.length === 0) {
    stanzas.push({ kind: "iface", name: to, family: "inet", method: "manual", options: [] });
  }
  return { stanzas, mtu };
}

/** The file's text with `added` (an `auto` line, then stanzas) written at its end. */
export function appendStarting(blocks: Block[], name: string, stanzas: IfaceStanza[]): string {
  const added: Block[] = [
    { kind: "auto", keyword: "auto", names: [name] },
    ...stanzas.flatMap((s, i): Block[] => i === 0 ? [s] : [{ kind: "other", text: "" }, s]),
  ];
  const before = serialize(blocks).replace(/\n*$/, "");
  return `${before === "" ? "" : `${before}\n\n`}${serialize(added)}\n`;
}

/** Whether `stanza` holds addressing (an address, a gateway, DHCP). */
export const hasAddressing = (stanza: IfaceStanza) =>
  stanza.method === "dhcp" || stanza.method === "static" ||
  stanza.options.some(([k]) => ADDRESSING.has(k));

/**
 * The file's text with bond `name` over `members`: a member's addressing moves to the bond (the
 * first member that has any: the host keeps its address), the members become `manual`, and the
 * bond takes that member's MTU. Started at boot; ifupdown2 brings its slaves up with it.
 */
export function addBond(
  text: string,
  { name, members, mode, miimon }: {
    name: string;
    members: string[];
    mode: BondMode;
    miimon: number;
  },
): string {
  const blocks = parse(text);
  const addressed = members.find((m) => stanzasOf(blocks, m).some(hasAddressing)) ?? members[0];
  const { stanzas, mtu } = moveAddressing(blocks, addressed, name);
  for (const member of members) if (member !== addressed) moveAddressing(blocks, member, name);
  stanzas[0].options.push(
    ...(mtu ? [mtu] : []),
    ["bond-slaves", members.join(" ")],
    ["bond-mode", mode],
    ["bond-miimon", String(miimon)],
  );
  return appendStarting(blocks, name, stanzas);
}

/** The file's text with VLAN `id` over `parent` as interface `name`, started at boot. */
export function addVlan(
  text: string,
  { name, parent, id }: { name: string; parent: string; id: number },
): string {
  return appendStarting(parse(text), name, [{
    kind: "iface",
    name,
    family: "inet",
    method: "manual",
    options: [["vlan-raw-device", parent], ["vlan-id", String(id)]],
  }]);
}

/**
 * The file's text with `name`'s addressing replaced in both families: static addresses (IPv4 in
 * its `inet` stanza, IPv6 in its `inet6` one, the gateway in its family's), IPv4 DHCP, or none.
 * What else its stanzas say (ports, bond and VLAN options, mtu, hooks) stays. An interface the
 * file does not name yet gets stanzas of its own; one that does not start at boot is made to.
 */
export function setAddressing(text: string, name: string, addressing: Addressing): string {
  const blocks = parse(text);
  const statics = addressing.method === "static" ? addressing.addresses : [];
  const gateway = addressing.method === "static" ? addressing.gateway : undefined;
  const lines = (v6: boolean): [string, string][] => [
    ...statics.filter((a) => isV6(a) === v6).map((a): [string, string] => ["address", a]),
    ...(gateway !== undefined && isV6(gateway) === v6
      ? [["gateway", gateway] as [string, string]]
      : []),
  ];
  const v4 = lines(false);
  const v6 = lines(true);
  const v4Method = addressing.method === "dhcp" ? "dhcp" : v4.length > 0 ? "static" : "manual";
  const stanzas = stanzasOf(blocks, name);
  if (stanzas.length === 0) {
    const made: IfaceStanza[] = [
      { kind: "iface", name, family: "inet", method: v4Method, options: v4 },
    ];
    if (v6.length > 0) {
      made.push({ kind: "iface", name, family: "inet6", method: "static", options: v6 });
    }
    return appendStarting(blocks, name, made);
  }
  for (const stanza of stanzas) {
    stanza.options = stanza.options.filter(([k]) => !ADDRESSING.has(k));
    delete stanza.text;
  }
  const main = stanzas.find((s) => s.family === "inet") ?? stanzas.find((s) => s.family === "");
  if (main) {
    main.family = "inet";
    main.method = v4Method;
    main.options = [...v4, ...main.options];
  } else {
    blocks.splice(blocks.indexOf(stanzas[0]), 0, {
      kind: "iface",
      name,
      family: "inet",
      method: v4Method,
      options: v4,
    });
  }
  const inet6 = stanzas.filter((s) => s.family === "inet6");
  if (v6.length > 0) {
    if (inet6[0]) {
      inet6[0].method = "static";
      inet6[0].options = [...v6, ...inet6[0].options];
    } else {
      const last = blocks.indexOf(stanzas[stanzas.length - 1]);
      blocks.splice(last + 1, 0, {
        kind: "iface",
        name,
        family: "inet6",
        method: "static",
        options: v6,
      });
    }
  }
  // The other inet6 stanzas keep what is not addressing (accept_ra …) as `manual`, or go.
  for (const stanza of v6.length > 0 ? inet6.slice(1) : inet6) {
    if (stanza.options.length > 0) stanza.method = "manual";
    else blocks.splice(blocks.indexOf(stanza), 1);
  }
  if (!startsAtBoot(blocks, name)) {
    const first = blocks.findIndex((b) => b.kind === "iface" && b.name === name);
    blocks.splice(first, 0, { kind: "auto", keyword: "auto", names: [name] });
  }
  return serialize(blocks);
}

/** What `name` is in the file: a bridge, a bond or a VLAN by its options, else null. */
export function kindInFile(blocks: readonly Block[], name: string): FileKind | null {
  const keys = new Set(stanzasOf(blocks, name).flatMap((s) => s.options.map(([k]) => k)));
  if (keys.has("bridge-ports")) return "bridge";
  if (keys.has("bond-slaves") || keys.has("bond-ports")) return "bond";
  if (keys.has("vlan-raw-device") || keys.has("vlan-id")) return "vlan";
  return null;
}

/**
 * The interfaces of the file that stand on `name`: bridges and bonds with it as a port, VLANs
 * over it (named by vlan-raw-device, or NAME.ID without one, which ifupdown2 reads the same).
 */
export function usersOf(blocks: readonly Block[], name: string): string[] {
  const users = new Set<string>();
  for (const b of blocks) {
    if (b.kind !== "iface" || b.name === name) continue;
    const uses = b.options.some(([k, v]) =>
      ((k === "bridge-ports" || k === "bond-slaves" || k === "bond-ports") &&
        words(v).includes(name)) || (k === "vlan-raw-device" && v === name)
    );
    const dotted = b.name.startsWith(`${name}.`) && /^\d+$/.test(b.name.slice(name.length + 1));
    if (uses || dotted) users.add(b.name);
  }
  return [...users];
}

/**
 * The file's text without `name`: its stanzas go, and its name from the `auto` lines (a line
 * left empty goes too), with a blank line that would be left doubled. Its addresses go with it.
 */
export function removeInterface(text: string, name: string): string {
  const blocks = parse(text);
  const kept: Block[] = [];
  let removedHere = false;
  for (const block of blocks) {
    const named = block.kind === "auto" && block.names.includes(name);
    if ((block.kind === "iface" && block.name === name) || (named && block.names.length === 1)) {
      removedHere = true;
      continue;
    }
    if (named) {
      block.names = block.names.filter((n) => n !== name);
      delete block.text;
    }
    const blank = block.kind === "other" && block.text.trim() === "";
    const prev = kept.at(-1);
    const prevBlank = prev === undefined || (prev.kind === "other" && prev.text.trim() === "");
    if (removedHere && blank && prevBlank) continue;
    removedHere = false;
    kept.push(block);
  }
  return serialize(kept);
}
