// `kvm-manager network …`: the host's libvirt networks (GET/POST /api/networks, start, stop,
// delete) and its network topology (GET /api/host/topology) as lines a script can read.

import {
  hostTopologyPath,
  networkActionPath,
  networkPath,
  networksPath,
} from "../shared/api_paths.ts";
import type { NetworkInfo } from "../shared/networks.ts";
import type { Topology, TopologyLink } from "../shared/topology.ts";
import type { NicVlan } from "../shared/vms.ts";
import { noWords, oneName, subcommandOf, textValue } from "./args.ts";
import { type CommandContext, GLOBAL_HELP, runCommand } from "./command.ts";
import { EXIT, usageError } from "./errors.ts";
import { fields, out, printJson, table } from "./output.ts";
import { jsonObject, readInput } from "./read_input.ts";

export const NETWORK_USAGE = `Usage: kvm-manager network COMMAND [NAME] [options]

  list                        the networks: name, state, mode, bridge or interface, subnet
  show NAME                   one network's settings, DHCP ranges and port groups
  start NAME | stop NAME      start or stop it
  create --from-json FILE     define a network from the JSON POST /api/networks takes
                              ("-" reads stdin), e.g. {"name": "lab", "mode": "nat",
                              "subnet": "192.168.150.0/24"}
  delete NAME --yes           delete it (stopped first)
  topology                    every link of the host's network: from, to, kind, VLANs,
                              port group, MAC (interfaces, bridges, networks, VMs)

${GLOBAL_HELP}`;

const OPTIONS = {
  "from-json": { type: "string" },
  yes: { type: "boolean", short: "y" },
} as const;

const OWN_FLAGS: Record<string, string[]> = { create: ["from-json"], delete: ["yes"] };

/** `kvm-manager network …`. */
export function networkCommand(args: string[]): Promise<number> {
  return runCommand(args, { options: OPTIONS, usage: NETWORK_USAGE }, async (ctx) => {
    const missing = "missing command: kvm-manager network list|show|…, see --help";
    const { sub, rest } = subcommandOf(ctx, "network", OWN_FLAGS, missing);
    if (sub === "list" || sub === "topology" || sub === "create") noWords(rest, `network ${sub}`);
    switch (sub) {
      case "list":
        return await list(ctx);
      case "show":
        return await show(ctx, oneName(rest, "kvm-manager network show NAME"));
      case "start":
      case "stop":
        return await action(ctx, sub, oneName(rest, `kvm-manager network ${sub} NAME`));
      case "create":
        return await create(ctx);
      case "delete":
        return await remove(ctx, oneName(rest, "kvm-manager network delete NAME --yes"));
      case "topology":
        return await topology(ctx);
    }
    throw usageError(`unknown command "network ${sub}": see kvm-manager network --help`);
  });
}

/** What a network rides on: its bridge, or the host interface of a macvtap or SR-IOV one. */
const via = (n: NetworkInfo) =>
  [n.bridge, n.hostInterface].filter(Boolean).join(" on ") +
    (n.openvswitch ? " (Open vSwitch)" : "") || "-";

async function list(ctx: CommandContext): Promise<number> {
  const res = await (await ctx.connect()).call<NetworkInfo[]>("GET", networksPath());
  if (ctx.json) printJson(res.text);
  else {
    out(table(
      ["NAME", "STATE", "MODE", "VIA", "SUBNET", "AUTOSTART"],
      res.body.map((n) => [
        n.name,
        n.active ? "active" : "inactive",
        n.macvtapMode ? `${n.mode} ${n.macvtapMode}` : n.mode,
        via(n),
        n.ipv4?.subnet ?? "-",
        n.autostart ? "yes" : "no",
      ]),
    ));
  }
  return EXIT.OK;
}

export function vlanWords(v: NicVlan | null | undefined): string {
  if (!v) return "-";
  const tags = v.tags.join(",");
  if (!v.trunk) return tags;
  return `trunk ${tags}${v.nativeTag !== undefined ? ` (native ${v.nativeTag})` : ""}`;
}

async function show(ctx: CommandContext, name: string): Promise<number> {
  const res = await (await ctx.connect()).call<NetworkInfo>("GET", networkPath(name));
  if (ctx.json) {
    printJson(res.text);
    return EXIT.OK;
  }
  const n = res.body;
  let text = fields([
    ["Name", n.name],
    ["UUID", n.uuid],
    ["State", n.active ? "active" : "inactive"],
    ["Mode", n.macvtapMode ? `${n.mode} (${n.macvtapMode})` : n.mode],
    ["Via", via(n)],
    ["Address", n.ipv4 ? `${n.ipv4.address}/${n.ipv4.prefix}` : null],
    ["DHCP", n.ipv4 ? n.ipv4.ranges.map((r) => `${r.start}-${r.end}`).join(", ") || "off" : null],
    ["VLANs", n.carriesVlans ? "carried (port groups and NICs may tag)" : "not tagged here"],
    ["Autostart", n.autostart ? "yes" : "no"],
    ["Persistent", n.persistent ? "yes" : "no"],
  ]);
  if (n.portgroups.length) {
    text += "\nPort groups:\n" + table(
      ["NAME", "DEFAULT", "VLAN"],
      n.portgroups.map((g) => [g.name, g.default ? "yes" : "no", vlanWords(g.vlan)]),
    ).replace(/^(?=.)/gm, "  ");
  }
  out(text);
  return EXIT.OK;
}

async function action(ctx: CommandContext, act: "start" | "stop", name: string) {
  const res = await (await ctx.connect()).call<NetworkInfo>("POST", networkActionPath(name, act));
  if (ctx.json) printJson(res.text);
  else out(`${act === "start" ? "Started" : "Stopped"} network ${name}\n`);
  return EXIT.OK;
}

async function create(ctx: CommandContext): Promise<number> {
  const file = textValue(ctx.values, "from-json");
  if (file === undefined) {
    throw usageError('network create needs --from-json FILE ("-" reads stdin)');
  }
  const source = file === "-" ? "stdin" : file;
  const body = jsonObject(await readInput(file), source, "a network, see POST /api/networks");
  const res = await (await ctx.connect()).call<NetworkInfo>("POST", networksPath(), { body });
  if (ctx.json) printJson(res.text);
  else out(`Created network ${res.body.name} (${res.body.active ? "active" : "inactive"})\n`);
  return EXIT.OK;
}

async function remove(ctx: CommandContext, name: string): Promise<number> {
  if (ctx.values.yes !== true) {
    throw usageError(`not deleting network ${name} without --yes`);
  }
  const res = await (await ctx.connect()).call("DELETE", networkPath(name));
  if (ctx.json) printJson(res.text || "{}");
  else out(`Deleted network ${name}\n`);
  return EXIT.OK;
}

/** A node by its label and kind: "vm web", "network default", "bridge br0". */
function nodeWords(t: Topology, id: string): string {
  const n = t.nodes.find((n) => n.id === id);
  return n ? `${n.kind} ${n.label}` : id;
}

async function topology(ctx: CommandContext): Promise<number> {
  const res = await (await ctx.connect()).call<Topology>("GET", hostTopologyPath());
  if (ctx.json) {
    printJson(res.text);
    return EXIT.OK;
  }
  const t = res.body;
  const row = (l: TopologyLink) => [
    nodeWords(t, l.from),
    nodeWords(t, l.to),
    l.via ? `${l.kind} (${l.via})` : l.kind,
    vlanWords(l.vlan),
    l.portgroup ?? "-",
    l.mac ?? "-",
  ];
  out(table(["FROM", "TO", "KIND", "VLAN", "PORTGROUP", "MAC"], t.links.map(row)));
  const alone = t.nodes.filter((n) => !t.links.some((l) => l.from === n.id || l.to === n.id));
  for (const n of alone) out(`${n.kind} ${n.label}: not linked\n`);
  for (const note of t.notes) out(`note: ${note}\n`);
  return EXIT.OK;
}
