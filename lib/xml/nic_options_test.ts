import { assertEquals } from "../../tests/support/assert.ts";
import { interfaceDeviceXml } from "./domain_update.ts";
import { parseDomainXml } from "./domain_parse.ts";

const inDomain = (nic: string) =>
  `<domain type='qemu'><name>x</name><memory unit='KiB'>1024</memory><vcpu>1</vcpu>
    <os><type>hvm</type></os><devices>${nic}</devices></domain>`;

Deno.test("nic options - bandwidth limits and MTU are written as libvirt reads them, and read back", () => {
  const xml = interfaceDeviceXml({
    network: "default",
    model: "virtio",
    bandwidth: {
      inbound: { averageKBps: 1000, peakKBps: 5000, burstKiB: 1024 },
      outbound: { averageKBps: 128, peakKBps: null },
    },
    mtu: 9000,
  });
  assertEquals(
    xml.replace(/\s+/g, ""),
    `<interfacetype="network"><sourcenetwork="default"></source><modeltype="virtio"></model><bandwidth><inboundaverage="1000"peak="5000"burst="1024"></inbound><outboundaverage="128"></outbound></bandwidth><mtusize="9000"></mtu></interface>`,
  );
  const [nic] = parseDomainXml(inDomain(xml)).networkInterfaces;
  assertEquals(nic.bandwidth, {
    inbound: { averageKBps: 1000, peakKBps: 5000, burstKiB: 1024 },
    outbound: { averageKBps: 128 },
  });
  assertEquals(nic.mtu, 9000);
  assertEquals(nic.vlan, undefined);
  // A NIC without them has none of the fields.
  const [plain] = parseDomainXml(inDomain(interfaceDeviceXml({ network: "n", model: "e1000e" })))
    .networkInterfaces;
  assertEquals(plain, { mac: "", network: "n", type: "network", model: "e1000e" });
});

Deno.test("nic options - VLAN tags made elsewhere (an Open vSwitch port) are read: access and trunk", () => {
  const access = parseDomainXml(inDomain(
    `<interface type='bridge'><source bridge='ovsbr0'/><vlan><tag id='42'/></vlan></interface>`,
  )).networkInterfaces[0];
  assertEquals(access.vlan, { tags: [42], trunk: false });
  const trunk = parseDomainXml(inDomain(
    `<interface type='bridge'><source bridge='ovsbr0'/><vlan trunk='yes'><tag id='42'/>
      <tag id='47' nativeMode='untagged'/></vlan></interface>`,
  )).networkInterfaces[0];
  assertEquals(trunk.vlan, { tags: [42, 47], trunk: true, nativeTag: 47 });
});

Deno.test("nic options - a port group and VLAN tags of a new NIC are written and read back", () => {
  const xml = interfaceDeviceXml({
    network: "trunk",
    model: "virtio",
    portgroup: "uplink",
    vlan: { tags: [10, 20], trunk: true, nativeTag: 20 },
  });
  assertEquals(
    xml.replace(/\s+/g, ""),
    `<interfacetype="network"><sourcenetwork="trunk"portgroup="uplink"></source><vlantrunk="yes"><tagid="10"></tag><tagid="20"nativeMode="untagged"></tag></vlan><modeltype="virtio"></model></interface>`,
  );
  const [nic] = parseDomainXml(inDomain(xml)).networkInterfaces;
  assertEquals([nic.portgroup, nic.vlan], ["uplink", {
    tags: [10, 20],
    trunk: true,
    nativeTag: 20,
  }]);
  const access = parseDomainXml(inDomain(interfaceDeviceXml({
    network: "trunk",
    model: "virtio",
    vlan: { tags: [42], trunk: false },
  }))).networkInterfaces[0];
  assertEquals([access.portgroup, access.vlan], [undefined, { tags: [42], trunk: false }]);
});
