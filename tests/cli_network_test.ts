// The command-line client's network commands and `vm firewall`, end to end against a real
// server on a private test-driver node: what they print for people and with --json, that the
// change happened (read back through the API), and their refusals' exit statuses. The driver
// has no network filters: `vm firewall` shows libvirt's refusal (real libvirtd:
// tests/qemu_firewall_test.ts).

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertExit, rows, withCli } from "./support/cli.ts";
import type { NetworkInfo } from "../shared/networks.ts";
import type { Topology } from "../shared/topology.ts";

const HOST = `
  <interface type='bridge' name='br0'><start mode='onboot'/>
    <bridge stp='off'><interface type='ethernet' name='eth1'/></bridge></interface>
  <network><name>lan</name><uuid>0b5f1c4e-1f1a-4c4b-9d0e-000000000001</uuid>
    <forward mode='bridge'/><bridge name='br0'/>
    <portgroup name='office' default='yes'><vlan><tag id='42'/></vlan></portgroup></network>`;

Deno.test("cli network - list, show, create, stop, start, delete and topology", async () => {
  await withCli(async ({ run, api, home }) => {
    let r = await run(["network", "list"]);
    assertExit(r, 0, "network list");
    const listed = rows(r.stdout);
    assertEquals(listed.map((n) => [n.NAME, n.STATE, n.MODE, n.VIA]), [
      ["default", "active", "isolated", "virbr0"],
      ["lan", "active", "bridge", "br0"],
    ]);

    r = await run(["network", "show", "lan"]);
    assertExit(r, 0, "network show");
    assertMatch(r.stdout, /^Mode: +bridge$/m);
    assertMatch(r.stdout, /Port groups:\n +NAME +DEFAULT +VLAN\n +office +yes +42\n/);

    // Create from a JSON file (stdin too), read back through the API.
    const file = `${home}/net.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({ name: "lab", mode: "isolated", subnet: "10.77.0.0/24" }),
    );
    r = await run(["network", "create", "--from-json", file]);
    assertExit(r, 0, "network create");
    assertEquals(r.stdout, "Created network lab (active)\n");
    const lab = (await api("GET", "/api/networks/lab")).body as NetworkInfo;
    assertEquals(lab.ipv4?.subnet, "10.77.0.0/24");
    r = await run(["network", "create", "--from-json", "-"], {
      stdin: JSON.stringify({ name: "bad net", mode: "nat" }),
    });
    assertExit(r, 1, "a name the server refuses");
    assertMatch(r.stderr, /^kvm-manager: .*name/i);
    r = await run(["network", "create", "--from-json", "-"], { stdin: "[1]" });
    assertExit(r, 2, "not an object");

    r = await run(["network", "stop", "lab"]);
    assertExit(r, 0, "network stop");
    assertEquals((await api("GET", "/api/networks/lab")).body.active, false);
    r = await run(["network", "start", "lab", "--json"]);
    assertExit(r, 0, "network start --json");
    assertEquals((JSON.parse(r.stdout) as NetworkInfo).active, true);
    r = await run(["network", "delete", "lab"]);
    assertExit(r, 2, "delete without --yes");
    r = await run(["network", "delete", "lab", "--yes"]);
    assertExit(r, 0, "network delete");
    assertEquals((await api("GET", "/api/networks/lab")).status, 404);
    r = await run(["network", "show", "lab"]);
    assertExit(r, 5, "gone");

    // The topology as lines: bridge member, network on its bridge, each VM's NIC.
    r = await run(["network", "topology"]);
    assertExit(r, 0, "network topology");
    const links = rows(r.stdout).map((l) => `${l.FROM} > ${l.TO} ${l.KIND}`);
    assert(links.includes("interface eth1 > bridge br0 member"), links.join("\n"));
    assert(links.includes("bridge br0 > network lan uplink (bridge)"), links.join("\n"));
    assert(links.includes("network default > vm web nic"), links.join("\n"));
    r = await run(["network", "topology", "--json"]);
    assertExit(r, 0, "topology --json");
    const topo = JSON.parse(r.stdout) as Topology;
    assert(topo.nodes.some((n) => n.id === "net:lan"));

    r = await run(["network", "frobnicate"]);
    assertExit(r, 2, "unknown command");
    r = await run(["network", "list", "--yes"]);
    assertExit(r, 2, "a flag of another command");
  }, { nodeDevices: HOST });
});

Deno.test("cli network - vm firewall shows libvirt's refusal on the demo; --set checks its file", async () => {
  await withCli(async ({ run, home }) => {
    let r = await run(["vm", "firewall", "web"]);
    assertExit(r, 1, "the driver has no filters");
    assertMatch(r.stderr, /not supported by the connection driver: virNWFilterLookupByName/);
    const file = `${home}/fw.json`;
    await Deno.writeTextFile(file, "{not json");
    r = await run(["vm", "firewall", "web", "--set", file]);
    assertExit(r, 2, "not JSON");
    assertMatch(r.stderr, /is not valid JSON/);
    // A bad rule is refused by the server, in its words, before libvirt is asked.
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        enabled: true,
        antiSpoofing: false,
        inboundPolicy: "drop",
        outboundPolicy: "accept",
        rules: [{ action: "accept", direction: "in", protocol: "tcp", port: "99999" }],
        filter: "ignored",
        nics: [],
        live: false,
      }),
    );
    r = await run(["vm", "firewall", "web", "--set", file]);
    assertExit(r, 1, "a bad port");
    assertMatch(r.stderr, /Rule 1: Invalid port "99999"/);
    r = await run(["vm", "firewall"]);
    assertExit(r, 2, "no NAME");
  });
});
