// Real libvirtd and Open vSwitch: a bridge network made through the API on an Open vSwitch bridge
// (found out as one), with VLAN port groups; a guest's NICs on an access group, a trunk group
// and with their own tag get those VLANs on their switch ports once the guest runs
// (`ovs-vsctl get port`), and the network topology draws the switch, the network and the NICs
// with those VLANs. The bridge uses the userspace datapath (this kernel has no OVS module);
// the guest sends nothing. Fails (never skips) without libvirtd or Open vSwitch.

import { assert, assertEquals } from "./support/assert.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineDisklessGuest,
  virsh,
} from "./support/guest.ts";
import { ovsVsctl, withOvsBridge } from "./support/ovs.ts";
import type { Topology } from "../shared/topology.ts";
import type { NetworkInfo } from "../shared/networks.ts";
import type { Server } from "../main.ts";
import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { NetworkService } from "../lib/networks/service.ts";
import { SRIOV_HOST } from "./support/sriov_host.ts";

const PREFIX = "kvmm-ovs-";
const BRIDGE = "kvmm-ovs0";
const NETWORK = "kvmm-ovs-net";

async function removeNetwork(): Promise<void> {
  await virsh("net-destroy", NETWORK).catch(() => {});
  await virsh("net-undefine", NETWORK).catch(() => {});
}

Deno.test("qemu ovs vlan - NICs on an Open vSwitch network get their port groups' and own VLANs", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  await removeNetwork();
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-ovs-" });
  let server: Server | undefined;
  try {
    await withOvsBridge(BRIDGE, async () => {
      try {
        await onTheSwitch();
      } finally {
        // While the switch still runs: libvirt takes the guest's ports off it as the guest stops.
        await cleanupGuestsNamed(PREFIX);
      }
    });
  } finally {
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    await removeNetwork();
    await Deno.remove(dataDir, { recursive: true });
  }

  async function onTheSwitch(): Promise<void> {
    server = await startRealServer(dataDir);
    const api = (method: string, path: string, body: unknown) =>
      adminCall(server!, method, path, body);
    const net = await adminCall<NetworkInfo>(server!, "POST", "/api/networks", {
      name: NETWORK,
      mode: "bridge",
      bridge: BRIDGE,
      portgroups: [
        { name: "office", default: true, vlan: { tags: [42] } },
        { name: "uplink", vlan: { tags: [10, 20], nativeTag: 10 } },
      ],
    });
    assertEquals([net.openvswitch, net.carriesVlans, net.active], [true, true, true]);
    const xml = await virsh("net-dumpxml", NETWORK);
    assert(/<virtualport type=['"]openvswitch['"]\/>/.test(xml), xml);

    const name = `${PREFIX}vm`;
    const uuid = await defineDisklessGuest(name);
    for (
      const nic of [{ portgroup: "office" }, { portgroup: "uplink" }, { vlan: { tags: [7] } }]
    ) {
      await api("POST", `/api/vms/${uuid}/interfaces`, { network: NETWORK, ...nic });
    }
    await virsh("start", name);
    const taps = [...(await virsh("domiflist", name)).matchAll(/^\s*(vnet\d+)\s/gm)]
      .map((m) => m[1]);
    assertEquals(taps.length, 3, "three taps on the switch");
    const port = async (tap: string, column: string) =>
      (await ovsVsctl("get", "port", tap, column)).trim();
    assertEquals(await port(taps[0], "tag"), "42");
    assertEquals(await port(taps[0], "trunks"), "[]");
    assertEquals(
      [
        await port(taps[1], "trunks"),
        await port(taps[1], "tag"),
        await port(taps[1], "vlan_mode"),
      ],
      ["[10, 20]", "10", "native-untagged"],
    );
    assertEquals(await port(taps[2], "tag"), "7");
    await topologyShowsTheSwitch(server!, uuid);
  }
});

/**
 * The bridges that libvirt networks of their own bridge (NAT, routed, isolated, open) make: the
 * topology draws them as their network, not as host interfaces. Networks of other people on this
 * libvirtd (scripts/foreign-guests.sh makes one) have them too.
 */
async function networkBridges(): Promise<Set<string>> {
  const bridges = new Set<string>();
  const active = (await virsh("net-list", "--name")).split("\n").map((s) => s.trim());
  for (const name of active.filter(Boolean)) {
    const xml = await virsh("net-dumpxml", name).catch(() => ""); // gone meanwhile
    const forward = /<forward\b[^>]*>|<forward\b[^>]*\/>/.exec(xml)?.[0];
    const mode = forward ? /mode='([^']+)'/.exec(forward)?.[1] ?? "nat" : "isolated";
    const bridge = /<bridge name='([^']+)'/.exec(xml)?.[1];
    if (bridge && ["nat", "route", "isolated", "open"].includes(mode)) bridges.add(bridge);
  }
  return bridges;
}

/**
 * The topology of this machine as GET /api/host/topology draws it: the host's interfaces as
 * `virsh iface-list` has them (but the guest's taps, the loopback and the bridges libvirt's
 * networks make for themselves), the switch as an Open vSwitch bridge under the network, and the
 * guest's three NICs with their VLANs.
 */
async function topologyShowsTheSwitch(server: Server, uuid: string): Promise<void> {
  const topo = await adminCall<Topology>(server, "GET", "/api/host/topology");
  const node = (id: string) => topo.nodes.find((n) => n.id === id);
  const networks = await networkBridges();
  const listed = [
    ...(await virsh("iface-list", "--all")).matchAll(/^\s*(\S+)\s+(?:active|inactive)/gm),
  ]
    .map((m) => m[1]).filter((n) => !/^(lo|ifb\d+|vnet\d+)$/.test(n) && !networks.has(n));
  for (const name of listed) assert(node(`if:${name}`), `${name} of virsh iface-list is drawn`);
  assertEquals(topo.nodes.filter((n) => /^if:vnet\d+$/.test(n.id)), [], "no guest taps");
  assertEquals([node(`if:${BRIDGE}`)?.kind, node(`if:${BRIDGE}`)?.openvswitch], ["bridge", true]);
  assert(topo.links.some((l) => l.from === `if:${BRIDGE}` && l.to === `net:${NETWORK}`));
  assertEquals(node(`vm:${uuid}`)?.state, "running");
  assertEquals(
    topo.links.filter((l) => l.to === `vm:${uuid}`).map((l) => [l.from, l.portgroup, l.vlan]),
    [
      [`net:${NETWORK}`, "office", { tags: [42], trunk: false }],
      [`net:${NETWORK}`, "uplink", { tags: [10, 20], trunk: true, nativeTag: 10 }],
      [`net:${NETWORK}`, null, { tags: [7], trunk: false }],
    ],
  );
}

Deno.test("qemu ovs vlan - a macvtap passthrough network is defined as libvirt's direct network", async () => {
  await assertLibvirtReachable();
  const name = `${PREFIX}macvtap`;
  const drop = async () => {
    await virsh("net-destroy", name).catch(() => {});
    await virsh("net-undefine", name).catch(() => {});
  };
  await drop();
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-ovs-" });
  const server = await startRealServer(dataDir);
  try {
    // Not started: this machine's kernel has no macvtap (../shared/TESTBED.md), and "lo" stands
    // for a host interface every machine has.
    await adminCall(server, "POST", "/api/networks", {
      name,
      mode: "macvtap",
      hostInterface: "lo",
      macvtapMode: "passthrough",
      start: false,
      portgroups: [{ name: "vlan5", vlan: { tags: [5] } }],
    });
    const xml = (await virsh("net-dumpxml", name)).replace(/\s+/g, " ");
    assert(
      /<forward dev='lo' mode='passthrough'> <interface dev='lo'\/> <\/forward>/.test(xml),
      xml,
    );
    assert(
      /<portgroup name=['"]vlan5['"]> <vlan> <tag id=['"]5['"]\/> <\/vlan> <\/portgroup>/.test(xml),
      xml,
    );
  } finally {
    await server.close();
    await drop();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("qemu ovs vlan - an SR-IOV pool is defined as libvirt's hostdev network, VLAN port group kept", async () => {
  await assertLibvirtReachable();
  const name = `${PREFIX}vfpool`;
  const drop = async () => {
    await virsh("net-destroy", name).catch(() => {});
    await virsh("net-undefine", name).catch(() => {});
  };
  await drop();
  // The network service itself on qemu:///system, with a stand-in card: this machine has no
  // SR-IOV card, so the network is defined, not started (starting needs the card's functions).
  const client = new LibvirtClient({ uri: "qemu:///system" });
  try {
    assert(await client.connect(), "connects to qemu:///system");
    const networks = new NetworkService(client, () => {}, null, SRIOV_HOST);
    const net = await networks.create({
      name,
      mode: "sriov",
      hostInterface: "enp65s0f0",
      start: false,
      portgroups: [{ name: "tenant7", vlan: { tags: [7] } }],
    });
    assertEquals([net.mode, net.hostInterface, net.carriesVlans], ["sriov", "enp65s0f0", true]);
    const xml = (await virsh("net-dumpxml", name)).replace(/\s+/g, " ");
    assert(
      /<forward mode='hostdev' managed='yes'> <pf dev='enp65s0f0'\/> <\/forward>/.test(xml),
      xml,
    );
    assert(
      /<portgroup name='tenant7'> <vlan> <tag id='7'\/> <\/vlan> <\/portgroup>/.test(xml),
      xml,
    );
  } finally {
    await client.close();
    await drop();
  }
});
