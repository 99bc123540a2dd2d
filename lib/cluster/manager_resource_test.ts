// `kvm-manager install-cluster-resource`: its flags checked at the boundary, and the group it adds
// as Pacemaker will read it.

import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { ConfigError } from "../config.ts";
import { parseXml } from "../xml/parser.ts";
import { managerGroup } from "./cib.ts";
import { parseManagerGroup } from "./manager_resource.ts";

const pairs = (el: { nvpair: unknown }) =>
  Object.fromEntries(
    [el.nvpair].flat().map((n) => [
      (n as Record<string, string>)["@name"],
      (n as Record<string, string>)["@value"],
    ]),
  );

Deno.test("manager resource - the group: the floating address, then the server listening on it", () => {
  const { spec, print } = parseManagerGroup([
    "--address",
    "192.0.2.10/24",
    "--data-dir",
    '/srv/shared/kvmm "a" & <b>',
    "--port",
    "8443",
    "--binary",
    "/opt/kvm-manager",
    "--config",
    "/etc/kvm-manager/cluster.json",
    "--print",
  ]);
  assertEquals(print, true);
  const group = parseXml(managerGroup(spec)).group;
  assertEquals(group["@id"], "kvm-manager");
  assertEquals(pairs(group.meta_attributes), { "kvmm-managed": "true" });
  // In this order: a group starts its members first to last, so the address is there first.
  const [ip, server] = group.primitive;
  assertEquals(
    [ip["@id"], ip["@class"], ip["@provider"], ip["@type"]],
    ["kvm-manager-ip", "ocf", "heartbeat", "IPaddr2"],
  );
  assertEquals(pairs(ip.instance_attributes), { ip: "192.0.2.10", cidr_netmask: "24" });
  assertEquals(
    [server["@id"], server["@class"], server["@provider"], server["@type"]],
    ["kvm-manager-server", "ocf", "kvm-manager", "server"],
  );
  // Every value as given, escaped by the builder (never glued into the XML).
  assertEquals(pairs(server.instance_attributes), {
    listen: "192.0.2.10:8443",
    data_dir: '/srv/shared/kvmm "a" & <b>',
    binary: "/opt/kvm-manager",
    config: "/etc/kvm-manager/cluster.json",
  });
  const ops = [server.operations.op].flat().map((o: Record<string, string>) =>
    `${o["@name"]} ${o["@interval"]} ${o["@timeout"]}`
  );
  assertEquals(ops, ["start 0s 90s", "stop 0s 60s", "monitor 10s 20s"]);
});

Deno.test("manager resource - an IPv6 address listens in brackets; the defaults", () => {
  const { spec, print } = parseManagerGroup([
    "--address=2001:db8::10/64",
    "--data-dir=/srv/kvmm",
    "--nic=eth0",
  ]);
  assertEquals(print, false);
  assertEquals(spec, {
    address: "2001:db8::10",
    prefix: 64,
    port: 8420,
    dataDir: "/srv/kvmm",
    nic: "eth0",
  });
  const [ip, server] = parseXml(managerGroup(spec)).group.primitive;
  assertEquals(pairs(ip.instance_attributes).nic, "eth0");
  assertEquals(pairs(server.instance_attributes), {
    listen: "[2001:db8::10]:8420",
    data_dir: "/srv/kvmm",
  });
});

Deno.test("manager resource - bad flags are refused in their own words (exit 2)", () => {
  const base = ["--address", "192.0.2.10/24", "--data-dir", "/srv/kvmm"];
  const cases: [string[], string][] = [
    [["--data-dir", "/srv/kvmm"], '--address must be IP/PREFIX, such as 192.0.2.10/24, not ""'],
    [["--address", "192.0.2.10", "--data-dir", "/x"], "--address must be IP/PREFIX"],
    [["--address", "192.0.2.10/33", "--data-dir", "/x"], "--address must be IP/PREFIX"],
    [["--address", "192.0.2.10/0", "--data-dir", "/x"], "--address must be IP/PREFIX"],
    [["--address", "host.example/24", "--data-dir", "/x"], "--address must be IP/PREFIX"],
    [["--address", "2001:db8::1/129", "--data-dir", "/x"], "--address must be IP/PREFIX"],
    [["--address", "192.0.2.10/24"], "--data-dir is required"],
    [["--address", "192.0.2.10/24", "--data-dir", "srv/kvmm"], "--data-dir must be an absolute"],
    [["--address", "192.0.2.10/24", "--data-dir", "/srv/a\nb"], "--data-dir must be an absolute"],
    [["--address", "192.0.2.10/24", "--data-dir", `/${"a".repeat(1100)}`], "--data-dir must be"],
    [[...base, "--port", "0"], '--port must be 1-65535, not "0"'],
    [[...base, "--port", "70000"], "--port must be 1-65535"],
    [[...base, "--port", "80x"], "--port must be 1-65535"],
    [[...base, "--binary", "kvm-manager"], "--binary must be an absolute path"],
    [[...base, "--config", "../c.json"], "--config must be an absolute path"],
    [[...base, "--nic", "eth0; reboot"], "--nic must be an interface name"],
    [[...base, "--listen", "x"], "Unknown option '--listen'"],
    [[...base, "extra"], "Unexpected argument 'extra'"],
  ];
  for (const [args, words] of cases) {
    const err = assertThrows(() => parseManagerGroup(args), ConfigError);
    assert(err.message.includes(words), `${args.join(" ")}: ${err.message}`);
  }
});
