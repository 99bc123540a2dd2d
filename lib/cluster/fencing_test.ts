// Fence agents as this host's own Pacemaker tools describe them (Debian's fence-agents and
// pacemaker-cli-utils, installed by scripts/install-test-deps.sh), and the stonith primitive a
// fencing device becomes.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { parseXml } from "../xml/parser.ts";
import { fencingPrimitive } from "./cib.ts";
import { parseInstalled, parseListItems, parseMetadata } from "./fencing.ts";
import { pcmk } from "./pcmk.ts";
import { kvmmManagedIds } from "./vm_domains.ts";
import { type ParamKind, refusal, written } from "./fence_params.ts";

Deno.test("fencing - the installed fence_* agents, without cluster-glue's older names", async () => {
  const agents = parseInstalled(
    await pcmk("stonith_admin", ["--list-installed", "--output-as=xml"]),
  );
  for (const a of ["fence_ipmilan", "fence_virsh", "fence_apc"]) assert(agents.includes(a), a);
  assert(agents.every((a) => a.startsWith("fence_")), agents.join(" "));
  assertEquals(agents, [...agents].sort());
});

Deno.test("fencing - an agent's parameters from its metadata; programs and files root would run are left out", async () => {
  const read = async (agent: string) =>
    parseMetadata(
      agent,
      await pcmk("stonith_admin", ["--metadata", "--agent", agent, "--output-as=xml"]),
    );
  const ipmi = await read("fence_ipmilan");
  const names = ipmi.params.map((p) => p.name);
  for (const n of ["ip", "username", "password", "lanplus", "pcmk_host_map", "pcmk_delay_max"]) {
    assert(names.includes(n), `${n} in ${names.join(" ")}`);
  }
  // Deprecated aliases, Pacemaker's own per-fencing values, and anything root would execute.
  for (
    const n of ["ipaddr", "passwd", "action", "plug", "port", "ipmitool_path", "password_script"]
  ) {
    assert(!names.includes(n), `${n} must not be offered`);
  }
  assert(ipmi.params.find((p) => p.name === "password")!.secret);
  assertEquals(ipmi.params.find((p) => p.name === "ipport")!.default, "623");
  assert(ipmi.params.find((p) => p.name === "method")!.choices.includes("cycle"));
  const virsh = (await read("fence_virsh")).params.map((p) => p.name);
  assert(virsh.includes("identity_file"), "ssh's key is only read: kept");
  for (const n of ["ssh_options", "ssh_path", "sudo_path", "command_prompt"]) {
    assert(!virsh.includes(n), `${n} must not be offered`);
  }
});

Deno.test("fencing - a device's primitive: escaped values, its hosts, marked as KVM Manager's", () => {
  const xml = fencingPrimitive({
    id: "fence-ipmi-1",
    agent: "fence_ipmilan",
    hosts: ["node1", "node2"],
    params: { ip: "10.0.0.5", password: `p"<&>'w`, lanplus: "true" },
  });
  const p = parseXml(xml).primitive;
  assertEquals([p["@class"], p["@type"]], ["stonith", "fence_ipmilan"]);
  const params = Object.fromEntries(
    [p.instance_attributes.nvpair].flat().map((n: Record<string, string>) => [
      n["@name"],
      n["@value"],
    ]),
  );
  assertEquals(params, {
    pcmk_host_list: "node1 node2",
    ip: "10.0.0.5",
    password: `p"<&>'w`,
    lanplus: "true",
  });
  assert(xml.includes('name="lanplus" value="true"'), "true kept as a value");
  assertEquals(kvmmManagedIds(`<resources>${xml}</resources>`), new Set(["fence-ipmi-1"]));
});

Deno.test("fencing - the devices stonith_admin --list NODE names", () => {
  // As Pacemaker 2.1 printed it on the HA bed.
  const xml = `<pacemaker-result api-version="2.25" request="stonith_admin --list kvmm-ha3">
  <list name="registered fence devices" count="2"><item name="device">fence-bmc-kvmm-ha3</item>
  <item name="device">kvmm-test-fence</item></list><status code="0" message="OK"/>
  </pacemaker-result>`;
  assertEquals(parseListItems(xml), ["fence-bmc-kvmm-ha3", "kvmm-test-fence"]);
  assertEquals(parseListItems("not xml <"), []);
});

Deno.test("fencing - values are checked to their kind: nothing that would become a second argument", () => {
  const bad: [ParamKind, string][] = [
    ["host", "127.0.0.9 -oProxyCommand=touch /tmp/x"],
    ["host", "-oProxyCommand=x"],
    ["user", "root -i /etc/shadow"],
    ["hex", "0x20 -f /etc/shadow"],
    ["keyFile", "/root/../etc/shadow"],
    ["keyFile", "/root/.ssh/id rsa"],
    ["port", "70000"],
    ["hostMap", "node1:plug 1"],
    ["secret", "pw\nx"],
    ["secret", "lrm://"],
    ["keyFile", "/etc/ssh/ssh_host_ed25519_key"],
    ["keyFile", "/proc/kmsg"],
    ["keyFile", "/root/.ssh/authorized_keys"],
    ["number", "99999"],
  ];
  for (const [kind, value] of bad) assert(refusal(kind, value, []) !== null, `${kind} ${value}`);
  const good: [ParamKind, string][] = [
    ["host", "bmc-1.example.net"],
    ["host", "fd00::5"],
    ["user", "admin@corp"],
    ["hex", "0x20"],
    ["keyFile", "/root/.ssh/id_ed25519"],
    ["number", "300"],
    ["port", "623"],
    ["hostMap", "node1:vm-node1;node2:vm-node2"],
    ["secret", `p"<&>'w ord`],
  ];
  for (const [kind, value] of good) {
    assertEquals(refusal(kind, value, []), null, `${kind} ${value}`);
  }
  assertEquals(refusal("select", "cycle", ["onoff", "cycle"]), null);
  assert(refusal("select", "reboot", ["onoff", "cycle"]) !== null);
});

Deno.test("fencing - agents outside the allow-list offer Pacemaker's parameters only", async () => {
  const scsi = parseMetadata(
    "fence_scsi",
    await pcmk("stonith_admin", ["--metadata", "--agent", "fence_scsi", "--output-as=xml"]),
  );
  assertEquals(scsi.params.map((p) => p.name), [
    "pcmk_host_map",
    "pcmk_delay_base",
    "pcmk_delay_max",
  ]);
});

Deno.test("fencing - a false flag is left out (fence-agents read a flag set to 0 as set)", () => {
  assertEquals(written("ssl_insecure", "false"), null);
  assertEquals(written("missing_as_off", "0"), null);
  assertEquals(written("ssl_insecure", "true"), "1");
  assertEquals([written("lanplus", "false"), written("lanplus", "on")], ["0", "1"]);
  assertEquals(written("ip", "10.0.0.5"), "10.0.0.5");
});
