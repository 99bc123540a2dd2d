// `kvm-manager install-cluster`: its flags checked at the boundary (the run itself is
// tests/ha_setup_test.ts, on the HA bed), and the script each node runs.

import { assert, assertEquals, assertThrows } from "../../../tests/support/assert.ts";
import { ConfigError } from "../../config.ts";
import { parseInstallCluster, stageScript, startScript } from "./install_cluster.ts";

Deno.test("install cluster - flags become a plan; bad ones are refused in their own words", () => {
  const { plan, sshConfig, print } = parseInstallCluster([
    "--name",
    "lab",
    "--node",
    "pve1=192.0.2.11",
    "--node=pve2=192.0.2.12",
    "--ssh-config",
    "/root/cluster_ssh",
  ]);
  assertEquals(plan, {
    name: "lab",
    nodes: [{ name: "pve1", address: "192.0.2.11" }, { name: "pve2", address: "192.0.2.12" }],
  });
  assertEquals([sshConfig, print], ["/root/cluster_ssh", false]);
  const cases: [string[], string][] = [
    [["--node", "a=192.0.2.1", "--node", "b=192.0.2.2"], "--name is required"],
    [["--name", "x", "--node", "a=192.0.2.1"], "a cluster needs 2 to 16 nodes, not 1"],
    [
      ["--name", "x", "--node", "192.0.2.1", "--node", "b=192.0.2.2"],
      "--node must be NAME=ADDRESS",
    ],
    [
      ["--name", "x", "--node", "=192.0.2.1", "--node", "b=192.0.2.2"],
      "--node must be NAME=ADDRESS",
    ],
    [["--name", "x", "--node", "a=192.0.2.1", "--node", "b=nowhere"], "is not an IP address"],
    [["--name", "x y", "--node", "a=192.0.2.1", "--node", "b=192.0.2.2"], "the cluster name"],
    [["--name", "x", "--nodes", "a"], "Unknown option '--nodes'"],
  ];
  for (const [args, words] of cases) {
    const err = assertThrows(() => parseInstallCluster(args), ConfigError);
    assert(err.message.includes(words), `${args.join(" ")}: ${err.message}`);
  }
});

Deno.test("install cluster - the node's scripts carry the key and the file as single-quoted data", () => {
  const key = new Uint8Array(256).map((_, i) => i);
  const conf = "totem {\n  cluster_name: lab\n}\n# it's\n";
  const staged = stageScript(conf, key);
  // The key as base64 in one quoted word; the file too, its quote escaped the shell's way; both
  // beside the files in use, which step 2 replaces.
  assert(staged.includes(`printf '%s' '${btoa(String.fromCharCode(...key))}' | base64 -d`), staged);
  assert(staged.includes(`printf '%s' 'totem {\n  cluster_name: lab\n}\n# it'\\''s\n'`), staged);
  assert(staged.includes(">/etc/corosync/authkey.new") && !staged.includes("mv "), staged);
  const direct = startScript("direct", false);
  assert(direct.includes("setsid pacemakerd") && !direct.includes("systemctl"), direct);
  assert(!direct.includes("cib.before-kvm-manager"), direct);
  const stock = startScript("systemd", true);
  // Debian's own one-node cluster stopped and its CIB moved aside before the new files go in.
  assert(stock.indexOf("systemctl --quiet stop pacemaker corosync") < stock.indexOf("mv /etc"));
  assert(stock.includes("kept=/var/lib/pacemaker/cib.before-kvm-manager\n"), stock);
  assert(stock.includes('mv /var/lib/pacemaker/cib "$kept"'), stock);
  assert(stock.includes("systemctl --quiet enable corosync pacemaker"), stock);
  assert(stock.trimEnd().endsWith("echo STARTED"), stock);
});
