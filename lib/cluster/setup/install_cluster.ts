// `kvm-manager install-cluster`: a new Pacemaker/Corosync cluster on two or more hosts the admin
// names (issue 48 item 4). Run as root on any machine that reaches every node as root over SSH
// (key-based; BatchMode, never a prompt). For each node, in turn: check (Corosync and Pacemaker
// installed, Corosync not running yet), then write the same corosync.conf and authkey, start
// Corosync and Pacemaker; then wait for every node online with quorum and set the defaults.
//
// Why this way and not `pcs cluster setup`: pcs drives the daemons through systemd and needs pcsd
// on every node, authenticated with the hacluster account's password (`pcs host auth`). Writing
// the two files ourselves needs only SSH and the packages, works where no systemd runs (the test
// bed, containers), and leaves nothing of ours behind; `pcs status` and crmsh read the result.
// Each node's script goes to `sh -s` on ssh's standard input, so the key never appears on a
// command line.

import { parseArgs } from "node:util";
import { ConfigError } from "../../config.ts";
import { type ClusterNode, type ClusterPlan, corosyncConf, planProblem } from "./corosync_conf.ts";
import { parseCrmMon } from "../crm_mon.ts";

export const INSTALL_CLUSTER_USAGE =
  `Usage: kvm-manager install-cluster --name NAME --node NAME=ADDRESS --node NAME=ADDRESS [options]

Makes a new Pacemaker/Corosync cluster of the nodes given (2 to 16), over SSH as root to each
(this host too, if it is one): writes the same /etc/corosync/corosync.conf (knet, encrypted with
a new shared /etc/corosync/authkey, votequorum) on every node, starts Corosync and Pacemaker
(systemd where it runs, else the daemons directly), waits for every node online with quorum, and
sets resource-stickiness=100. Needs corosync, pacemaker, pacemaker-cli-utils, resource-agents and
fence-agents installed on every node, and no Corosync running there yet. Fencing stays on: add a
fencing device (the Cluster page) before making VMs highly available.

  --name NAME           the cluster's name
  --node NAME=ADDRESS   a node: its name in the cluster and the address Corosync uses; repeat
  --ssh-config FILE     an ssh_config for reaching the nodes (ports, keys, known hosts)
  --print               print corosync.conf and change nothing
`;

/** ssh to a node as root; its script on standard input. */
export interface NodeShell {
  run(node: ClusterNode, script: string): Promise<{ code: number; out: string }>;
}

/** The real one: `ssh -T -o BatchMode=yes … root@ADDRESS sh -s`. */
export function sshShell(sshConfig?: string): NodeShell {
  return {
    async run(node, script) {
      const child = new Deno.Command("ssh", {
        args: [
          "-T",
          ...(sshConfig ? ["-F", sshConfig] : []),
          "-o",
          "BatchMode=yes",
          "-o",
          "ConnectTimeout=10",
          "-o",
          "ClearAllForwardings=yes",
          "-l",
          "root",
          "--",
          node.address,
          "sh -s",
        ],
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
        signal: AbortSignal.timeout(120_000),
      }).spawn();
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(script)).catch(() => {});
      await writer.close().catch(() => {});
      const out = await child.output();
      const text = new TextDecoder();
      return { code: out.code, out: (text.decode(out.stdout) + text.decode(out.stderr)).trim() };
    },
  };
}

/** The command's flags as a plan; ConfigError (exit 2) in the flag's own words. */
export function parseInstallCluster(
  args: string[],
): { plan: ClusterPlan; sshConfig?: string; print: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        name: { type: "string" },
        node: { type: "string", multiple: true },
        "ssh-config": { type: "string" },
        print: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  if (!values.name) throw new ConfigError("--name is required");
  const nodes = (values.node ?? []).map((given) => {
    const at = given.indexOf("=");
    if (at < 1) throw new ConfigError(`--node must be NAME=ADDRESS, not "${given}"`);
    return { name: given.slice(0, at), address: given.slice(at + 1) };
  });
  const plan = { name: values.name, nodes };
  const problem = planProblem(plan);
  if (problem) throw new ConfigError(problem);
  return { plan, sshConfig: values["ssh-config"], print: values.print ?? false };
}

/** A shell word: single-quoted. */
const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * Checks a node, read by its printed lines: INIT systemd|direct, or MISSING TOOL, or RUNNING.
 * Corosync answering corosync-cfgtool means a cluster runs there already.
 */
export const CHECK_SCRIPT = `
for tool in corosync pacemakerd crm_mon cibadmin crm_attribute; do
  command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin command -v "$tool" >/dev/null 2>&1 || { echo "MISSING $tool"; exit 0; }
done
PATH=$PATH:/usr/sbin:/sbin
if corosync-cfgtool -s >/dev/null 2>&1; then echo RUNNING; exit 0; fi
if [ -d /run/systemd/system ]; then echo "INIT systemd"; else echo "INIT direct"; fi
`;

/** Writes the files and starts the daemons on one node. */
export function applyScript(conf: string, key: Uint8Array, init: "systemd" | "direct"): string {
  const start = init === "systemd"
    ? "systemctl enable corosync pacemaker\nsystemctl start corosync\nsystemctl start pacemaker"
    // No systemd: corosync daemonizes itself; pacemakerd stays in the foreground, so it gets
    // its own session (what the packages' sysv scripts do, without their pidof checks).
    : "corosync\nmkdir -p /var/log/pacemaker\n" +
      "setsid pacemakerd </dev/null >>/var/log/pacemaker/pacemakerd.out 2>&1 &";
  return `set -eu
PATH=$PATH:/usr/sbin:/sbin
umask 077
mkdir -p /etc/corosync /var/log/corosync
if [ -f /etc/corosync/corosync.conf ]; then
  cp -p /etc/corosync/corosync.conf /etc/corosync/corosync.conf.before-kvm-manager
fi
printf '%s' ${quote(btoa(String.fromCharCode(...key)))} | base64 -d >/etc/corosync/authkey.new
chmod 400 /etc/corosync/authkey.new
mv /etc/corosync/authkey.new /etc/corosync/authkey
printf '%s' ${quote(conf)} >/etc/corosync/corosync.conf.new
chmod 644 /etc/corosync/corosync.conf.new
mv /etc/corosync/corosync.conf.new /etc/corosync/corosync.conf
${start}
echo STARTED
`;
}

const DEFAULTS_SCRIPT = `set -eu
PATH=$PATH:/usr/sbin:/sbin
crm_attribute --type rsc_defaults --name resource-stickiness --update 100
crm_attribute --type crm_config --name stonith-enabled --update true
echo DEFAULTS
`;

/** Sets up the cluster; prints what it does; returns the exit status. */
export async function installCluster(
  plan: ClusterPlan,
  shell: NodeShell,
  opts: { log?: (line: string) => void; quorumWaitMs?: number } = {},
): Promise<number> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const fail = (line: string) => {
    console.error(`kvm-manager: ${line}`);
    return 1;
  };
  // Every node checked before any is changed: a refusal leaves all of them as they were.
  const inits = new Map<string, "systemd" | "direct">();
  for (const node of plan.nodes) {
    const checked = await shell.run(node, CHECK_SCRIPT);
    const said = checked.out.split("\n").at(-1) ?? "";
    if (checked.code !== 0) {
      return fail(`cannot reach ${node.name} (${node.address}) as root over SSH: ${checked.out}`);
    }
    if (said.startsWith("MISSING ")) {
      return fail(
        `${node.name}: ${said.slice(8)} is not installed (apt-get install pacemaker corosync ` +
          `pacemaker-cli-utils resource-agents fence-agents)`,
      );
    }
    if (said === "RUNNING") {
      return fail(`${node.name}: Corosync runs there already: it is in a cluster; nothing changed`);
    }
    if (said !== "INIT systemd" && said !== "INIT direct") {
      return fail(`${node.name}: unexpected answer to the check: ${checked.out}`);
    }
    inits.set(node.name, said.slice(5) as "systemd" | "direct");
    log(`${node.name} (${node.address}): ready (${said.slice(5)})`);
  }
  const conf = corosyncConf(plan);
  const key = crypto.getRandomValues(new Uint8Array(256));
  for (const node of plan.nodes) {
    const applied = await shell.run(node, applyScript(conf, key, inits.get(node.name)!));
    if (applied.code !== 0 || !applied.out.endsWith("STARTED")) {
      return fail(`${node.name}: writing the files or starting the daemons failed: ${applied.out}`);
    }
    log(`${node.name}: corosync.conf and authkey written, Corosync and Pacemaker started`);
  }
  // Every node online with quorum, as Pacemaker itself reports it (crm_mon's XML).
  const first = plan.nodes[0];
  const names = plan.nodes.map((n) => n.name);
  const deadline = Date.now() + (opts.quorumWaitMs ?? 180_000);
  let last = "";
  for (;;) {
    const mon = await shell.run(first, "PATH=$PATH:/usr/sbin\ncrm_mon --output-as=xml -1");
    last = mon.out;
    try {
      const read = parseCrmMon(mon.out.slice(mon.out.indexOf("<")), [], Date.now());
      if (read.ok) {
        const online = read.status.nodes.filter((n) => n.state === "online").map((n) => n.name);
        if (read.status.quorum && names.every((n) => online.includes(n))) break;
      }
    } catch {
      // Not XML yet: Pacemaker still starting.
    }
    if (Date.now() > deadline) {
      return fail(`the nodes did not all come online with quorum; crm_mon said: ${last}`);
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  log(`all ${names.length} nodes online, quorate`);
  const defaults = await shell.run(first, DEFAULTS_SCRIPT);
  if (defaults.code !== 0) return fail(`setting the defaults failed: ${defaults.out}`);
  log(
    `Cluster ${plan.name} is up. Fencing is on and no fencing device exists yet, so Pacemaker ` +
      `starts no resources: add one on the Cluster page (or with stonith_admin/pcs).`,
  );
  return 0;
}

export async function installClusterCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(INSTALL_CLUSTER_USAGE);
    return 0;
  }
  const { plan, sshConfig, print } = parseInstallCluster(args);
  if (print) {
    console.log(corosyncConf(plan));
    return 0;
  }
  return await installCluster(plan, sshShell(sshConfig));
}
