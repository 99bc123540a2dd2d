// corosync.conf for a new cluster: what Corosync reads, and plans refused before anything is
// written.

import { assert, assertEquals, assertThrows } from "../../../tests/support/assert.ts";
import { corosyncConf, planProblem } from "./corosync_conf.ts";

const three = {
  name: "lab",
  nodes: [
    { name: "pve1", address: "192.0.2.11" },
    { name: "pve2", address: "192.0.2.12" },
    { name: "pve3", address: "192.0.2.13" },
  ],
};

Deno.test("corosync conf - three nodes: knet, encrypted, votequorum, each node numbered", () => {
  const conf = corosyncConf(three);
  assert(conf.includes("  cluster_name: lab\n  transport: knet\n"), conf);
  assert(conf.includes("  crypto_cipher: aes256\n  crypto_hash: sha256\n"), conf);
  assert(conf.includes("quorum {\n  provider: corosync_votequorum\n}"), conf);
  assert(!conf.includes("two_node"), conf);
  assert(!conf.includes("ip_version"), conf);
  assert(
    conf.includes(
      "nodelist {\n  node {\n    name: pve1\n    nodeid: 1\n    ring0_addr: 192.0.2.11\n  }\n" +
        "  node {\n    name: pve2\n    nodeid: 2\n    ring0_addr: 192.0.2.12\n  }\n",
    ),
    conf,
  );
  // Balanced braces: every section closed.
  assertEquals(conf.split("{").length, conf.split("}").length);
});

Deno.test("corosync conf - two nodes get two_node; IPv6 nodes ip_version ipv6", () => {
  const two = corosyncConf({ name: "pair", nodes: three.nodes.slice(0, 2) });
  assert(two.includes("  provider: corosync_votequorum\n  two_node: 1\n"), two);
  const six = corosyncConf({
    name: "six",
    nodes: [{ name: "a", address: "2001:db8::1" }, { name: "b", address: "2001:db8::2" }],
  });
  assert(six.includes("  ip_version: ipv6\n"), six);
});

Deno.test("corosync conf - names and addresses that could break the file are refused", () => {
  const node = (name: string, address: string) => ({ name, address });
  const cases: [Parameters<typeof planProblem>[0], string][] = [
    [{ ...three, name: "lab }\ntotem {" }, "the cluster name must be"],
    [{ ...three, name: "" }, "the cluster name must be"],
    [{ ...three, name: "a".repeat(64) }, "the cluster name must be"],
    [{ name: "x", nodes: [three.nodes[0]] }, "a cluster needs 2 to 16 nodes, not 1"],
    [{
      name: "x",
      nodes: Array.from({ length: 17 }, (_, i) => node(`n${i}`, `192.0.2.${i + 1}`)),
    }, "not 17"],
    [{ name: "x", nodes: [node("a b", "192.0.2.1"), node("c", "192.0.2.2")] }, "a node name"],
    [{ name: "x", nodes: [node("a", "192.0.2.1\n}"), node("c", "192.0.2.2")] }, "not an IP"],
    [{ name: "x", nodes: [node("a", "host.example"), node("c", "192.0.2.2")] }, "not an IP"],
    [{ name: "x", nodes: [node("a", "192.0.2.1"), node("a", "192.0.2.2")] }, "named twice"],
    [{ name: "x", nodes: [node("a", "192.0.2.1"), node("b", "192.0.2.1")] }, "given twice"],
    [{ name: "x", nodes: [node("a", "192.0.2.1"), node("b", "2001:db8::1")] }, "all be IPv4"],
  ];
  for (const [plan, words] of cases) {
    const problem = planProblem(plan);
    assert(problem?.includes(words), `${JSON.stringify(plan)}: ${problem}`);
    assertThrows(() => corosyncConf(plan), Error);
  }
  assertEquals(planProblem(three), null);
});
