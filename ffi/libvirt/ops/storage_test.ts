import { assert, assertEquals, assertMatch, assertRejects } from "../../../tests/support/assert.ts";
import { writeTestNode } from "../../../tests/support/test_node.ts";
import { LibvirtClient } from "../client.ts";
import { ErrorCode, LibvirtError } from "../error.ts";

async function withNode(fn: (client: LibvirtClient) => Promise<void>) {
  const node = await writeTestNode([{ name: "web", disk: true }]);
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `connects to ${node.uri}`);
    await fn(client);
  } finally {
    await client.close();
    await node.remove();
  }
}

Deno.test("storage ops - pools, volumes and networks of a test node", async () => {
  await withNode(async (client) => {
    const pools = await client.call("poolList");
    assertEquals(pools.map((p) => p.name), ["default"]);
    assert(pools[0].active);
    // The test driver recomputes allocation from its volumes: 100 GiB less web.qcow2's 10 MiB.
    assertEquals(pools[0].available, 100 * 1024 ** 3 - 10 * 1024 ** 2);
    assertMatch(pools[0].xml, /<path>\/var\/lib\/kvmm-testdriver\/pool<\/path>/);
    const vols = await client.call("poolVolumes", "default");
    assertEquals(vols.map((v) => v.name), ["web.qcow2"]);
    const at = await client.call("volumeAt", vols[0].path);
    assertEquals(at.pool, "default");
    assertEquals(at.capacity, 2 * 1024 ** 3);
    const nets = await client.call("networkList");
    assertEquals(nets.map((n) => [n.name, n.active, n.persistent]), [["default", true, true]]);
    assertMatch(nets[0].xml, /<network/);
  });
});

// Resize is not in the test driver; tests/qemu_create_test.ts resizes on a real libvirtd.
Deno.test("storage ops - create, clone and delete a volume", async () => {
  await withNode(async (client) => {
    const xml = `<volume><name>new.img</name><capacity unit='bytes'>1048576</capacity>
      <target><format type='raw'/></target></volume>`;
    const vol = await client.call("volumeCreate", "default", xml);
    assertEquals(vol.name, "new.img");
    assertEquals(vol.capacity, 1048576);
    const copy = await client.call(
      "volumeClone",
      "default",
      xml.replace("new.img", "copy.img"),
      vol.path,
    );
    assertEquals(copy.name, "copy.img");
    assertEquals(copy.capacity, 1048576);
    await client.call("volumeDelete", copy.path);
    const err = await assertRejects(() => client.call("volumeAt", copy.path), LibvirtError);
    assertEquals(err.code, ErrorCode.NO_STORAGE_VOL);
  });
});

Deno.test("storage ops - a missing pool is NO_STORAGE_POOL", async () => {
  await withNode(async (client) => {
    const err = await assertRejects(() => client.call("poolGet", "nope"), LibvirtError);
    assertEquals(err.code, ErrorCode.NO_STORAGE_POOL);
  });
});
