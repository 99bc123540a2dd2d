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

import { ConfigError } from "../../config.ts";
import { type ClusterNode, type ClusterPlan, corosyncConf, planProblem } from "./corosync_conf.ts";
import { parseCrmMon } from "../crm_mon.ts";
import { SSH_BATCH_OPTIONS } from "../../connection_uri/ssh_command.ts";
import { strictFlags } from "../../config/values.ts";
import { textOutput, writeInput } from "../../command_io.ts";

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

/** What a node's script printed: its markers on stdout, tools' chatter on stderr. */
export interface NodeAnswer {
  code: number;
  stdout: string;
  stderr: string;
  /** Both, for messages. */
  out: string;
}

/** The marker a script printed last on standard output ("" when none). */
const marker = (a: NodeAnswer) => a.stdout.trim().split("\n").at(-1) ?? "";

/** ssh to a node as root; its script on standard input. */
export interface NodeShell {
  run(node: ClusterNode, script: string): Promise<NodeAnswer>;
}

/** The real one: `ssh -T -o BatchMode=yes … root@ADDRESS sh -s`. */
export function sshShell(sshConfig?: string): NodeShell {
  return {
    async run(node, script) {
      const child = new Deno.Command("ssh", {
        args: [
          "-T",
          ...(sshConfig ? ["-F", sshConfig] : []),
          ...SSH_BATCH_OPTIONS,
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
      await writeInput(child, script);
      const { code, stdout, stderr } = textOutput(await child.output());
      return { code, stdout, stderr, out: (stdout + stderr).trim() };
    },
  };
}

/** The command's flags as a plan; ConfigError (exit 2) in the flag's own words. */
export function parseInstallCluster(
  args: string[],
): { plan: ClusterPlan; sshConfig?: string; print: boolean } {
  const values = strictFlags(args, {
    name: { type: "string" },
    node: { type: "string", multiple: true },
    "ssh-config": { type: "string" },
    print: { type: "boolean" },
  });
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
 * Checks a node, read by its last line: `INIT systemd|direct` (ready), `STOCK systemd|direct`
 * (Corosync runs Debian's own one-node configuration, node1 on 127.0.0.1, with no resources: what
 * the packages start on install under systemd, replaced like a fresh node), `RUNNING` (a cluster runs there:
 * refused), or `MISSING TOOL`.
 */
export const CHECK_SCRIPT = `PATH=$PATH:/usr/sbin:/sbin
for tool in corosync corosync-cfgtool pacemakerd crm_mon cibadmin crm_attribute; do
  command -v "$tool" >/dev/null 2>&1 || { echo "MISSING $tool"; exit 0; }
done
if [ -d /run/systemd/system ]; then init=systemd; else init=direct; fi
if corosync-cfgtool -s >/dev/null 2>&1; then
  conf=/etc/corosync/corosync.conf
  if [ "$(grep -c 'ring0_addr:' "$conf" 2>/dev/null)" = 1 ] &&
    grep -q '^[[:space:]]*ring0_addr:[[:space:]]*127\\.0\\.0\\.1[[:space:]]*$' "$conf" &&
    cibadmin -Q --scope resources 2>/dev/null | grep -q '^<resources */>$' &&
    corosync-cmapctl -g totem.cluster_name 2>/dev/null | grep -q '= debian$' &&
    [ "$(crm_node -l 2>/dev/null | wc -l)" = 1 ] &&
    [ "$init" = systemd ]; then
    echo "STOCK $init"
  else
    echo RUNNING
  fi
  exit 0
fi
echo "INIT $init"
`;

/** Step 1 on every node: the new files beside the old ones (nothing in use changes yet). */
export function stageScript(conf: string, key: Uint8Array): string {
  return `set -eu
umask 077
mkdir -p /etc/corosync /var/log/corosync
# Made new, so a leftover file's looser mode is never the key's, even for a moment.
rm -f /etc/corosync/authkey.new /etc/corosync/corosync.conf.new
printf '%s' ${quote(btoa(String.fromCharCode(...key)))} | base64 -d >/etc/corosync/authkey.new
chmod 400 /etc/corosync/authkey.new
printf '%s' ${quote(conf)} >/etc/corosync/corosync.conf.new
chmod 644 /etc/corosync/corosync.conf.new
echo STAGED
`;
}

/**
 * Step 2, node by node: the packages' own one-node cluster stopped and its CIB moved aside (as
 * `pcs cluster destroy` does) when there was one, the old corosync.conf kept, the new files put
 * in place, Corosync and Pacemaker started.
 */
export function startScript(init: "systemd" | "direct", stock: boolean): string {
  // Only under systemd (the check says RUNNING otherwise): stopping by process name could hit
  // another node's daemons where nodes share a PID namespace, as on the test bed.
  const stop = stock ? "systemctl --quiet stop pacemaker corosync\n" : "";
  const start = init === "systemd"
    ? "systemctl --quiet enable corosync pacemaker\nsystemctl --quiet start corosync\n" +
      "systemctl --quiet start pacemaker"
    // No systemd: corosync daemonizes itself; pacemakerd stays in the foreground, so it gets
    // its own session (what the packages' sysv scripts do, without their pidof checks).
    : "corosync\nmkdir -p /var/log/pacemaker\n" +
      "setsid pacemakerd </dev/null >>/var/log/pacemaker/pacemakerd.out 2>&1 &";
  return `set -eu
PATH=$PATH:/usr/sbin:/sbin
${stop}${
    stock
      // An earlier run's copy is kept too: the new one gets the time in its name.
      ? "if [ -d /var/lib/pacemaker/cib ]; then\n" +
        "  kept=/var/lib/pacemaker/cib.before-kvm-manager\n" +
        '  [ -e "$kept" ] && kept="$kept.$(date +%s)"\n' +
        '  mv /var/lib/pacemaker/cib "$kept"\n' +
        "  mkdir -m 750 /var/lib/pacemaker/cib\n" +
        '  chown --reference="$kept" /var/lib/pacemaker/cib\n' +
        "fi\n"
      : ""
  }if [ -f /etc/corosync/corosync.conf ]; then
  cp -p /etc/corosync/corosync.conf /etc/corosync/corosync.conf.before-kvm-manager
fi
mv /etc/corosync/authkey.new /etc/corosync/authkey
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
  const inits = new Map<string, { init: "systemd" | "direct"; stock: boolean }>();
  for (const node of plan.nodes) {
    const checked = await shell.run(node, CHECK_SCRIPT);
    const said = marker(checked);
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
    const [kind, init] = said.split(" ");
    if ((kind !== "INIT" && kind !== "STOCK") || (init !== "systemd" && init !== "direct")) {
      return fail(`${node.name}: unexpected answer to the check: ${checked.out}`);
    }
    inits.set(node.name, { init, stock: kind === "STOCK" });
    log(
      `${node.name} (${node.address}): ready (${init}${
        kind === "STOCK" ? "; the packages' one-node cluster will be replaced" : ""
      })`,
    );
  }
  const conf = corosyncConf(plan);
  const key = crypto.getRandomValues(new Uint8Array(256));
  // The new files beside the old ones on every node first, so a node that fails here leaves
  // every node as it ran.
  for (const node of plan.nodes) {
    const staged = await shell.run(node, stageScript(conf, key));
    if (staged.code !== 0 || marker(staged) !== "STAGED") {
      return fail(
        `${node.name}: writing the new files failed (no node changed; the .new files in ` +
          `/etc/corosync may be removed): ${staged.out}`,
      );
    }
  }
  const changed: string[] = [];
  for (const node of plan.nodes) {
    const { init, stock } = inits.get(node.name)!;
    const started = await shell.run(node, startScript(init, stock));
    if (started.code !== 0 || marker(started) !== "STARTED") {
      return fail(
        `${node.name}: starting Corosync and Pacemaker failed: ${started.out}. Changed so far: ` +
          `${[...changed, node.name].join(", ")}. To undo on each: stop pacemaker and corosync, ` +
          `put /etc/corosync/corosync.conf.before-kvm-manager back (or remove corosync.conf), ` +
          `remove /etc/corosync/authkey${
            [...changed, node.name].some((n) => inits.get(n)!.stock)
              ? ", and on the nodes that ran Debian's one-node cluster (stopped) put " +
                "/var/lib/pacemaker/cib.before-kvm-manager back as /var/lib/pacemaker/cib"
              : ""
          }`,
      );
    }
    changed.push(node.name);
    log(`${node.name}: corosync.conf and authkey in place, Corosync and Pacemaker started`);
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
      const read = parseCrmMon(mon.stdout, [], Date.now());
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
