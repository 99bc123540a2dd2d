// Issue 48 item 4 on the HA test bed: `kvm-manager install-cluster` makes a cluster of three bare
// nodes (scripts/ha-bed.sh up --bare: no corosync.conf, nothing of the cluster running, an sshd in
// each that takes root with the bed's own key). Run inside kvmm-ha1, it reaches every node (itself
// too) over SSH. A node it cannot reach stops it before anything changes; then it writes the same
// corosync.conf and authkey everywhere, starts Corosync and Pacemaker, and returns once Pacemaker
// reports three nodes online with quorum, with fencing on and resource-stickiness set; run again,
// it refuses, since Corosync runs there. Needs root, Debian's pacemaker and corosync
// (scripts/install-test-deps.sh) and openssh-server.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  BED_BASE,
  BED_NODES,
  BED_SSH_CONFIG,
  bedDown,
  bedUp,
  crmMonXml,
  nodeAddress,
  onNode,
} from "./support/ha_bed.ts";
import { parseCrmMon } from "../lib/cluster/crm_mon.ts";
import { longerDeadline } from "./support/test_deadline.ts";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const NAME = "ha setup - install-cluster makes three bare nodes one quorate cluster over SSH";
longerDeadline(NAME, 420_000);

/** `kvm-manager ARGS…` inside kvmm-ha1, as root there would run it; its status and output. */
async function kvmManagerOnNode(...args: string[]): Promise<{ code: number; out: string }> {
  const script = `cd ${ROOT} && exec ${Deno.execPath()} run -A main.ts "$@" 2>&1`;
  const out = await new Deno.Command("bash", {
    args: [`${ROOT}/scripts/ha-bed.sh`, "exec", "kvmm-ha1", "bash", "-c", script, "_", ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, out: text.decode(out.stdout) + text.decode(out.stderr) };
}

const nodeFlags = (nodes: readonly string[]) =>
  nodes.flatMap((n) => ["--node", `${n}=${nodeAddress(n as typeof BED_NODES[number])}`]);

/** install-cluster of the three bed nodes (and `extra` flags), reaching them with the bed's key. */
const installCluster = (...extra: string[]) =>
  kvmManagerOnNode(
    "install-cluster",
    "--name",
    "kvmm-setup",
    ...nodeFlags(BED_NODES),
    ...extra,
    "--ssh-config",
    BED_SSH_CONFIG,
  );

const corosyncFile = (node: string, file: string) => `${BED_BASE}/${node}/etc-corosync/${file}`;

Deno.test({
  name: NAME,
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    await bedDown();
    await bedUp({ bare: true });
    try {
      // Bare: no cluster configuration on any node.
      for (const node of BED_NODES) {
        assert(!await exists(corosyncFile(node, "corosync.conf")), `${node} starts bare`);
      }

      // A node no one answers on: refused before any node is changed.
      const unreachable = await installCluster("--node", "kvmm-ha4=10.77.0.14");
      assertEquals(unreachable.code, 1, unreachable.out);
      assertMatch(unreachable.out, /cannot reach kvmm-ha4 \(10\.77\.0\.14\) as root over SSH/);
      for (const node of BED_NODES) {
        assert(!await exists(corosyncFile(node, "corosync.conf")), `${node} left as it was`);
      }

      const started = Date.now();
      const made = await installCluster();
      assertEquals(made.code, 0, made.out);
      for (const node of BED_NODES) {
        assertMatch(made.out, new RegExp(`${node} .*ready \\(direct\\)`));
      }
      assertMatch(made.out, /all 3 nodes online, quorate/);
      assertMatch(made.out, /no fencing device exists yet/);
      console.log(`install-cluster took ${((Date.now() - started) / 1000).toFixed(1)} s`);

      // Pacemaker's own view: three nodes online, quorate.
      const mon = parseCrmMon(await crmMonXml("kvmm-ha2"), [], Date.now());
      assert(mon.ok, JSON.stringify(mon));
      assertEquals(mon.status.quorum, true);
      assertEquals(
        mon.status.nodes.map((n) => `${n.name} ${n.state}`),
        BED_NODES.map((n) => `${n} online`),
      );
      assertEquals(
        (await onNode("kvmm-ha3", "corosync-cmapctl", "-g", "totem.cluster_name")).trim(),
        "totem.cluster_name (str) = kvmm-setup",
      );
      // The same files on every node; the key 256 random bytes only root may read.
      const conf = await Deno.readTextFile(corosyncFile("kvmm-ha1", "corosync.conf"));
      const key = await Deno.readFile(corosyncFile("kvmm-ha1", "authkey"));
      assertEquals(key.length, 256);
      for (const node of BED_NODES) {
        assertEquals(await Deno.readTextFile(corosyncFile(node, "corosync.conf")), conf, node);
        assertEquals(await Deno.readFile(corosyncFile(node, "authkey")), key, node);
        assertEquals((await Deno.stat(corosyncFile(node, "authkey"))).mode! & 0o777, 0o400, node);
      }
      assertMatch(conf, /crypto_cipher: aes256/);
      // The defaults: fencing on, resources stay where they run.
      const query = (...args: string[]) => onNode("kvmm-ha1", "crm_attribute", "--query", ...args);
      assertMatch(
        await query("--type", "crm_config", "--name", "stonith-enabled"),
        /value=true/,
      );
      assertMatch(
        await query("--type", "rsc_defaults", "--name", "resource-stickiness"),
        /value=100/,
      );

      // Again: Corosync runs, so it is a cluster already: refused, the key unchanged.
      const again = await installCluster();
      assertEquals(again.code, 1, again.out);
      assertMatch(again.out, /kvmm-ha1: Corosync runs there already: it is in a cluster/);
      assertEquals(await Deno.readFile(corosyncFile("kvmm-ha2", "authkey")), key);
    } finally {
      await bedDown();
    }
  },
});

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}
