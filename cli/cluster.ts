// `kvm-manager cluster`: the Pacemaker cluster the server's host belongs to, and its HA controls,
// over the server's API (GET /api/cluster and the /api/cluster/* actions the Cluster page uses):
// nodes' standby and maintenance, the cluster-wide switches, highly available VMs, and testing or
// removing fencing devices. What it prints is what the API answers; refusals in the API's words.

import {
  clusterFencingDevicePath,
  clusterFencingTestPath,
  clusterNodeActionPath,
  clusterOptionsPath,
  clusterPath,
  clusterVmActionPath,
  clusterVmPath,
  clusterVmsPath,
} from "../shared/api_paths.ts";
import { type ClusterView, type FencingTest, NODE_ACTIONS } from "../shared/cluster.ts";
import { type CommandContext, GLOBAL_HELP, runCommand } from "./command.ts";
import { EXIT, usageError } from "./errors.ts";
import { fields, out, printJson, table } from "./output.ts";

export const CLUSTER_USAGE = `Usage: kvm-manager cluster [status|COMMAND …] [options]

  cluster                       quorum, nodes, fencing and resources, as Pacemaker reports them
  cluster node standby NODE     move NODE's resources away (VMs live where allowed); unstandby
                                takes it back; maintenance / unmaintenance stop and restart
                                Pacemaker's watch over its resources
  cluster fencing on|off        the cluster option stonith-enabled (off: failover is unsafe)
  cluster maintenance on|off    cluster-wide maintenance mode (Pacemaker starts and stops nothing)
  cluster vm add VM             make VM (name or UUID, on the server's host) highly available:
                                [--prefer NODE] [--priority N] [--no-live]
  cluster vm start|stop RESOURCE   start it, or stop it for good, through Pacemaker
  cluster vm remove RESOURCE    hand it back: Pacemaker lets go, the VM keeps running
  cluster device test DEVICE    ask a fencing device whether it answers, and which nodes it can
                                power off (fences nothing)
  cluster device remove DEVICE  remove a fencing device KVM Manager added

Admins only, but for cluster (status), which viewers may read too.

${GLOBAL_HELP}`;

const OPTIONS = {
  prefer: { type: "string" },
  priority: { type: "string" },
  "no-live": { type: "boolean" },
} as const;

/** `kvm-manager cluster …`. */
export function clusterCommand(args: string[]): Promise<number> {
  return runCommand(args, { usage: CLUSTER_USAGE, options: OPTIONS }, async (ctx) => {
    const [sub, ...rest] = ctx.positionals;
    if (sub === undefined || sub === "status") {
      if (rest.length) throw usageError(`unexpected argument "${rest[0]}"`);
      return await status(ctx);
    }
    if (sub === "node") return await node(ctx, rest);
    if (sub === "fencing" || sub === "maintenance") return await option(ctx, sub, rest);
    if (sub === "vm") return await vm(ctx, rest);
    if (sub === "device") return await device(ctx, rest);
    throw usageError(`unknown command "cluster ${sub}": see kvm-manager cluster --help`);
  });
}

async function status(ctx: CommandContext): Promise<number> {
  const api = await ctx.connect();
  const res = await api.call<ClusterView>("GET", clusterPath());
  if (ctx.json) {
    printJson(res.text);
    return EXIT.OK;
  }
  const s = res.body;
  if (!s.present) {
    out(`No cluster: ${s.reason}\n`);
    return EXIT.OK;
  }
  const online = s.nodes.filter((n) => n.online).length;
  out(fields([
    ["Quorum", s.quorum ? "quorate" : "NOT quorate"],
    ["Nodes online", `${online} of ${s.nodes.length}`],
    ["This host", s.localNode ?? "not a member"],
    ["Fencing", s.fencing.unsafe ?? `on, ${s.fencing.devices.length} device(s)`],
    ["Maintenance mode", s.maintenanceMode ? "on" : "off"],
  ]));
  out("\n");
  out(table(
    ["NODE", "STATE", "RESOURCES"],
    s.nodes.map((n) => [n.name + (n.dc ? " (DC)" : ""), n.state, String(n.resourcesRunning)]),
  ));
  out("\n");
  out(table(
    ["RESOURCE", "KIND", "ROLE", "NODE", "AGENT"],
    [...s.fencing.devices, ...s.resources].map((r) => [
      r.id,
      r.kind,
      r.role + (r.failed ? " (failed)" : ""),
      r.nodes.join(", ") || "-",
      r.agent,
    ]),
  ));
  return EXIT.OK;
}

async function node(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, name, ...extra] = args;
  if (!(NODE_ACTIONS as readonly string[]).includes(action) || !name || extra.length) {
    throw usageError(`usage: kvm-manager cluster node ${NODE_ACTIONS.join("|")} NODE`);
  }
  const api = await ctx.connect();
  const res = await api.call("POST", clusterNodeActionPath(name, action));
  if (ctx.json) printJson(res.text);
  else out(`${name}: ${action} asked; Pacemaker carries it out (kvm-manager cluster shows it)\n`);
  return EXIT.OK;
}

async function option(ctx: CommandContext, which: string, args: string[]): Promise<number> {
  const [onOff, ...extra] = args;
  if ((onOff !== "on" && onOff !== "off") || extra.length) {
    throw usageError(`usage: kvm-manager cluster ${which} on|off`);
  }
  const key = which === "fencing" ? "fencingEnabled" : "maintenanceMode";
  const api = await ctx.connect();
  const res = await api.call("PUT", clusterOptionsPath(), { body: { [key]: onOff === "on" } });
  if (ctx.json) printJson(res.text);
  else out(`${which === "fencing" ? "Fencing" : "Maintenance mode"} ${onOff}\n`);
  return EXIT.OK;
}

async function vm(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, target, ...extra] = args;
  if (!["add", "start", "stop", "remove"].includes(action) || !target || extra.length) {
    throw usageError("usage: kvm-manager cluster vm add VM | start|stop|remove RESOURCE");
  }
  const api = await ctx.connect();
  let res;
  if (action === "add") {
    const priority = ctx.values.priority;
    if (priority !== undefined && !/^\d{1,7}$/.test(String(priority))) {
      throw usageError(`--priority must be a whole number 0-1000000, not "${priority}"`);
    }
    res = await api.call<{ resource: string; config: string }>("POST", clusterVmsPath(), {
      body: {
        vm: target,
        ...(typeof ctx.values.prefer === "string" ? { preferredNode: ctx.values.prefer } : {}),
        ...(priority !== undefined ? { priority: Number(priority) } : {}),
        ...(ctx.values["no-live"] ? { allowMigrate: false } : {}),
      },
    });
    if (!ctx.json) {
      out(
        `${target} is highly available: resource ${res.body.resource}, its definition ` +
          `${res.body.config}\n`,
      );
    }
  } else if (action === "remove") {
    res = await api.call("DELETE", clusterVmPath(target));
    if (!ctx.json) out(`${target} handed back: Pacemaker no longer manages it\n`);
  } else {
    res = await api.call("POST", clusterVmActionPath(target, action as "start" | "stop"));
    if (!ctx.json) out(`${target}: ${action} asked of Pacemaker\n`);
  }
  if (ctx.json) printJson(res.text);
  return EXIT.OK;
}

async function device(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, name, ...extra] = args;
  if ((action !== "test" && action !== "remove") || !name || extra.length) {
    throw usageError("usage: kvm-manager cluster device test|remove DEVICE");
  }
  const api = await ctx.connect();
  if (action === "remove") {
    const res = await api.call("DELETE", clusterFencingDevicePath(name));
    if (ctx.json) printJson(res.text);
    else out(`${name} removed\n`);
    return EXIT.OK;
  }
  const res = await api.call<FencingTest>("POST", clusterFencingTestPath(name));
  if (ctx.json) {
    printJson(res.text);
  } else {
    const t = res.body;
    out(fields([
      ["Device", t.device],
      ["Answers", t.ok ? "yes" : "no"],
      ["Said", t.message],
      ["Can power off", t.targets.join(", ") || "none"],
      ["Not covered", t.uncovered.join(", ") || "none"],
    ]));
  }
  return res.body.ok ? EXIT.OK : EXIT.REFUSED;
}
