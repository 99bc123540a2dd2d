// GET /api/host/topology on libvirt's test driver: the host's interfaces and bridges, its
// networks and its VMs' NICs as one graph, VLANs and port groups on the links.

import { assertEquals } from "../../tests/support/assert.ts";
import type { Topology, TopologyLink } from "../../shared/topology.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

// The node file's host: eth0 up; br0 a bridge over eth1; the loopback and a traffic shaper's
// ifb0, which are no part of the wiring; a NAT network with its own bridge; a bridge network on br0 with a VLAN port group, and an
// Open vSwitch network libvirt's interface list does not show.
const HOST = `
  <interface type='ethernet' name='eth0'><start mode='onboot'/>
    <mac address='aa:bb:cc:00:00:01'/></interface>
  <interface type='ethernet' name='lo'><start mode='onboot'/></interface>
  <interface type='ethernet' name='ifb0'><start mode='onboot'/></interface>
  <interface type='bridge' name='br0'><start mode='onboot'/>
    <bridge stp='off'><interface type='ethernet' name='eth1'>
      <mac address='aa:bb:cc:00:00:02'/></interface></bridge></interface>
  <network><name>lan</name><uuid>0b5f1c4e-1f1a-4c4b-9d0e-000000000001</uuid>
    <forward mode='bridge'/><bridge name='br0'/>
    <portgroup name='office'><vlan><tag id='42'/></vlan></portgroup></network>
  <interface type='bridge' name='virbr9'><start mode='onboot'/><bridge stp='on'/></interface>
  <network><name>outside</name><uuid>0b5f1c4e-1f1a-4c4b-9d0e-000000000003</uuid>
    <forward mode='nat'/><bridge name='virbr9'/><ip address='10.9.0.1' netmask='255.255.255.0'/>
  </network>
  <network><name>ovs</name><uuid>0b5f1c4e-1f1a-4c4b-9d0e-000000000002</uuid>
    <forward mode='bridge'/><bridge name='ovsbr0'/><virtualport type='openvswitch'/></network>`;

// A VM with one NIC of each kind: a port group of a network, a bridge with its own trunk, a
// macvtap port, a network libvirt does not have.
const nics = `
  <interface type='network'><mac address='52:54:00:aa:00:01'/>
    <source network='lan' portgroup='office'/></interface>
  <interface type='bridge'><mac address='52:54:00:aa:00:02'/><source bridge='ovsbr0'/>
    <vlan trunk='yes'><tag id='10'/><tag id='20'/></vlan>
    <virtualport type='openvswitch'/></interface>
  <interface type='direct'><mac address='52:54:00:aa:00:03'/>
    <source dev='eth0' mode='vepa'/></interface>
  <interface type='network'><mac address='52:54:00:aa:00:04'/><source network='gone'/></interface>`;

const WIRED_UUID = "0b5f1c4e-1f1a-4c4b-9d0e-0000000000aa";
const wiredXml = `<domain type='test'><name>wired</name><uuid>${WIRED_UUID}</uuid>
  <memory unit='MiB'>256</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>
  <devices>${nics}</devices></domain>`;

const linkOf = (t: Topology, from: string, to: string): TopologyLink | undefined =>
  t.links.find((l) => l.from === from && l.to === to);

Deno.test("topology API - interfaces, bridges, networks and VMs joined, VLANs on the NIC links", async () => {
  await withTestApp(
    async ({ req, client }) => {
      await client.call("domainDefine", wiredXml);
      const res = await req("GET", "/api/host/topology");
      const topo = await res.json() as Topology;
      assertEquals(res.status, 200, JSON.stringify(topo));

      const node = (id: string) => topo.nodes.find((n) => n.id === id);
      // The host's wiring: no loopback, no shaper, no NAT network's own bridge.
      assertEquals(node("if:lo"), undefined);
      assertEquals(node("if:ifb0"), undefined);
      assertEquals(node("if:virbr9"), undefined);
      assertEquals(
        ["if:eth0", "if:eth1", "if:br0"].map((id) => [node(id)?.kind, node(id)?.state]),
        [["interface", "up"], ["interface", "up"], ["bridge", "up"]],
      );
      assertEquals(linkOf(topo, "if:eth1", "if:br0")?.kind, "member");
      assertEquals(linkOf(topo, "host", "if:eth0")?.kind, "uplink");
      // eth1, known only as br0's member here, is br0's, not an uplink of its own.
      assertEquals(node("if:eth1")?.missing, undefined);
      assertEquals(linkOf(topo, "host", "if:eth1"), undefined);

      // Networks: NAT out through the host, the isolated one on its own, the bridge network on
      // br0, the Open vSwitch one on its switch.
      assertEquals(linkOf(topo, "host", "net:outside")?.via, "nat");
      assertEquals(node("net:outside")?.network?.subnet, "10.9.0.0/24");
      assertEquals(node("net:default")?.href, "/networks/default");
      assertEquals(node("net:default")?.network?.mode, "isolated");
      assertEquals(topo.links.filter((l) => l.to === "net:default"), []);
      assertEquals(linkOf(topo, "if:br0", "net:lan")?.via, "bridge");
      assertEquals(
        [node("if:ovsbr0")?.kind, node("if:ovsbr0")?.openvswitch, node("if:ovsbr0")?.missing],
        ["bridge", true, true],
      );

      // The VM's NICs: the port group's VLAN, its own trunk, its macvtap port, a missing network.
      const vm = `vm:${WIRED_UUID}`;
      assertEquals(node(vm)?.href, `/vms/${WIRED_UUID}`);
      assertEquals(node(vm)?.state, "stopped");
      const office = linkOf(topo, "net:lan", vm);
      assertEquals([office?.portgroup, office?.vlan, office?.mac], [
        "office",
        { tags: [42], trunk: false },
        "52:54:00:aa:00:01",
      ]);
      assertEquals(linkOf(topo, "if:ovsbr0", vm)?.vlan, { tags: [10, 20], trunk: true });
      assertEquals(linkOf(topo, "if:eth0", vm)?.kind, "nic");
      assertEquals([node("net:gone")?.missing, linkOf(topo, "net:gone", vm)?.mac], [
        true,
        "52:54:00:aa:00:04",
      ]);

      // The node file's own VMs on the NAT network, each in its state.
      const states = topo.nodes.filter((n) => n.kind === "vm" && n.label !== "wired")
        .map((n) => [
          n.label,
          n.state,
          topo.links.some((l) => l.from === "net:default" && l.to === n.id),
        ]);
      assertEquals(states.sort(), [["cache", "paused", true], ["db", "stopped", true], [
        "web",
        "running",
        true,
      ]]);
      // Every link joins two drawn nodes.
      const ids = new Set(topo.nodes.map((n) => n.id));
      assertEquals(topo.links.filter((l) => !ids.has(l.from) || !ids.has(l.to)), []);
      assertEquals(topo.notes, []);
    },
    undefined,
    { nodeDevices: HOST },
  );
});

Deno.test("topology API - a viewer reads it; no session, no topology", async () => {
  await withTestApp(async ({ app, tokenFor }) => {
    const anonymous = await app.request("http://localhost/api/host/topology", {
      headers: { authorization: "" },
    });
    assertEquals([anonymous.status, (await anonymous.json()).code], [401, "UNAUTHENTICATED"]);
    const viewer = await app.request("http://localhost/api/host/topology", {
      headers: { authorization: `Bearer ${tokenFor("viewer")}` },
    });
    const body = await viewer.json() as Topology;
    assertEquals([viewer.status, body.nodes.some((n) => n.kind === "vm")], [200, true]);
  });
});
