// The host's interfaces read from iproute2's JSON. The fixtures are `ip -j -d address show` of
// iproute2 6.1.0 captured on the build machine: `ip_address_host.json` its own links (a virtio
// NIC, two ifb), `ip_address_netns.json` a namespace made for it with a veth pair, a bridge
// holding a down veth and a tap, and addresses of both families. That kernel has no bond or
// VLAN module: those two links are the same fields iproute2 prints for them (`link`, `info_data.id`).

import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
  assertThrows,
} from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { type CommandRunner, runCommand } from "../firewall/run_command.ts";
import {
  interfacesOf,
  type IpLink,
  parseIpAddress,
  readLinks,
  takesABridge,
} from "./interfaces.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));

const byName = (links: IpLink[]) => new Map(interfacesOf(links).map((i) => [i.name, i]));

Deno.test("host interfaces - a bridge, its ports, a veth pair and a loopback as ip shows them", () => {
  const all = byName(parseIpAddress(fixture("ip_address_netns")));
  assertEquals([...all.keys()], ["lo", "lan0", "nic0", "lan1", "nic1", "br0", "vnet3"]);
  assertEquals(all.get("br0"), {
    name: "br0",
    kind: "bridge",
    up: true,
    carrier: false,
    mac: "42:8e:9e:44:23:71",
    mtu: 1500,
    addresses: [
      { family: "ipv4", address: "192.168.50.2", prefixLength: 24, scope: "global" },
      { family: "ipv6", address: "2001:db8::2", prefixLength: 64, scope: "global" },
    ],
    master: null,
    ports: ["nic1", "vnet3"],
    vlan: null,
    bond: null,
    bridgeable: false,
  });
  const nic0 = all.get("nic0")!;
  assertEquals([nic0.kind, nic0.up, nic0.carrier, nic0.master, nic0.bridgeable], [
    "veth",
    true,
    true,
    null,
    true,
  ]);
  assertEquals(nic0.addresses, [{
    family: "ipv6",
    address: "fe80::4466:a8ff:fef3:6e74",
    prefixLength: 64,
    scope: "link",
  }]);
  // A veth's `link` is its peer, not a parent.
  assertEquals(nic0.vlan, null);
  // A bridge's port takes no second bridge; its carrier follows its down peer.
  const nic1 = all.get("nic1")!;
  assertEquals([nic1.master, nic1.carrier, nic1.bridgeable], ["br0", false, false]);
  assertEquals([all.get("lan1")!.up, all.get("lan1")!.addresses], [false, []]);
  // A VM's tap is "other", and on its bridge.
  assertEquals([all.get("vnet3")!.kind, all.get("vnet3")!.master], ["other", "br0"]);
  const lo = all.get("lo")!;
  assertEquals([lo.kind, lo.mac, lo.mtu, lo.bridgeable], ["other", null, 65536, false]);
  assertEquals(lo.addresses.map((a) => `${a.address}/${a.prefixLength}`), [
    "127.0.0.1/8",
    "::1/128",
  ]);
});

Deno.test("host interfaces - a physical NIC is a NIC that takes a bridge, an ifb is not", () => {
  const all = byName(parseIpAddress(fixture("ip_address_host")));
  const eth0 = all.get("eth0")!;
  assertEquals([eth0.kind, eth0.mac, eth0.mtu, eth0.bridgeable], [
    "nic",
    "02:fc:00:00:00:01",
    1400,
    true,
  ]);
  assertEquals(eth0.addresses.map((a) => [a.family, `${a.address}/${a.prefixLength}`]), [
    ["ipv4", "192.0.2.2/24"],
    ["ipv6", "fd00::2/64"],
    ["ipv6", "fe80::fc:ff:fe00:1/64"],
  ]);
  assertEquals([all.get("ifb0")!.kind, all.get("ifb0")!.bridgeable], ["other", false]);
});

Deno.test("host interfaces - a bond lists its slaves, a VLAN names its parent and id", () => {
  // The NIC of the fixture, with the fields iproute2 prints for a bond and a VLAN over it.
  const [eth0] = parseIpAddress(fixture("ip_address_host")).filter((l) => l.ifname === "eth0");
  const links = parseIpAddress(JSON.stringify([
    { ...eth0, ifname: "eno1", master: "bond0", addr_info: [] },
    {
      ...eth0,
      ifname: "bond0",
      linkinfo: { info_kind: "bond", info_data: { mode: "802.3ad", miimon: 100 } },
    },
    {
      ...eth0,
      ifname: "bond0.20",
      link: "bond0",
      linkinfo: { info_kind: "vlan", info_data: { protocol: "802.1Q", id: 20, flags: [] } },
    },
  ]));
  const all = byName(links);
  assertEquals([all.get("bond0")!.kind, all.get("bond0")!.ports], ["bond", ["eno1"]]);
  assertEquals(all.get("bond0")!.bridgeable, true);
  assertEquals(all.get("bond0")!.bond, { mode: "802.3ad", miimon: 100 });
  assertEquals([all.get("eno1")!.bond, all.get("bond0.20")!.bond], [null, null]);
  assertEquals(all.get("eno1")!.bridgeable, false, "a bond's slave");
  assertEquals(all.get("bond0.20")!.vlan, { parent: "bond0", id: 20 });
  assertEquals([all.get("bond0.20")!.kind, all.get("bond0.20")!.bridgeable], ["vlan", true]);
  assert(takesABridge(links[1]));
});

Deno.test("host interfaces - output that is not ip's list is refused in words, and bounded", () => {
  for (
    const text of ["not json", '{"ifname":"x"}', '[{"flags":[]}]', " ".repeat(9 * 1024 * 1024)]
  ) {
    const err = assertThrows(() => parseIpAddress(text), AppError);
    assertEquals(err.code, "HOST_NETWORK_APPLY_FAILED");
    assert(err.message.startsWith("ip could not list the host's interfaces: "), err.message);
  }
  // Entries without an address (iproute2 prints {} for some) are skipped, not refused.
  const [link] = parseIpAddress('[{"ifname":"x","addr_info":[{},{"family":"inet"}]}]');
  assertEquals(interfacesOf([link])[0].addresses, []);
  // A link with more addresses than are shown is cut, not refused with every other link.
  const many = Array.from({ length: 300 }, (_, i) => ({
    family: "inet6",
    local: `fd00::${i.toString(16)}`,
    prefixlen: 64,
  }));
  const links = parseIpAddress(
    JSON.stringify([{ ifname: "busy", addr_info: many }, { ifname: "eno1", link_type: "ether" }]),
  );
  assertEquals(interfacesOf(links).map((i) => [i.name, i.addresses.length]), [
    ["busy", 256],
    ["eno1", 0],
  ]);
});

Deno.test("host interfaces - read from this machine's ip, and ip's own words when it fails", async () => {
  const links = await readLinks(runCommand);
  assert(links.some((l) => l.ifname === "lo"), "this machine's loopback");
  // The same runner in a namespace that does not exist: ip's message, not a parse error.
  const inNowhere: CommandRunner = (binary, args) =>
    runCommand(binary, ["-n", `kvmm-no-such-ns-${Deno.pid}`, ...args]);
  const err = await assertRejects(() => readLinks(inNowhere), AppError);
  assertEquals(err.code, "HOST_NETWORK_APPLY_FAILED");
  assertMatch(err.message, /^ip could not list the host's interfaces: .*kvmm-no-such-ns/);
});
