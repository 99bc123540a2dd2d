// An SR-IOV network (a pool of a card's virtual functions, libvirt's `forward mode='hostdev'`)
// made by the network service on libvirt's test driver. The card is a stand-in
// (tests/support/sriov_host.ts); tests/qemu_ovs_vlan_test.ts has real libvirtd accept the
// same definition.

import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { SRIOV_HOST } from "../../tests/support/sriov_host.ts";
import { NetworkService } from "./service.ts";

Deno.test("networks - an SR-IOV pool of virtual functions with VLAN port groups, read back from libvirt", async () => {
  const node = await writeTestNode([{ name: "web" }]);
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `connects to ${node.uri}`);
    const networks = new NetworkService(client, () => {}, null, SRIOV_HOST);
    const net = await networks.create({
      name: "vfpool",
      mode: "sriov",
      hostInterface: "enp65s0f0",
      start: false,
      portgroups: [{ name: "tenant7", default: true, vlan: { tags: [7] } }],
    });
    assertEquals(
      [net.mode, net.hostInterface, net.carriesVlans, net.bridge, net.ipv4],
      ["sriov", "enp65s0f0", true, null, null],
    );
    assertEquals(net.portgroups, [
      { name: "tenant7", default: true, vlan: { tags: [7], trunk: false } },
    ]);
    const { xml } = await client.call("networkGet", "vfpool");
    assertMatch(
      xml.replace(/\s+/g, " "),
      /<forward mode=['"]hostdev['"] managed=['"]yes['"]> ?<pf dev=['"]enp65s0f0['"] ?\/>/,
    );
    assertEquals((await networks.list()).find((n) => n.name === "vfpool")?.mode, "sriov");

    // A card without SR-IOV, and an interface the host lacks, are refused in words.
    for (
      const [dev, words] of [["eno1", /eno1 makes no SR-IOV virtual functions/], [
        "kvmm-nope0",
        /kvmm-nope0/,
      ]] as const
    ) {
      const err = await networks.create({ name: "x", mode: "sriov", hostInterface: dev })
        .then(() => null, (e) => e);
      assert(err, `${dev} refused`);
      assertMatch(err.message, words);
    }
  } finally {
    await client.close();
    await node.remove();
  }
});
