import { assert, assertEquals, assertMatch, assertRejects } from "../../../tests/support/assert.ts";
import { writeTestNode } from "../../../tests/support/test_node.ts";
import { LibvirtClient } from "../client.ts";
import { ErrorCode, LibvirtError } from "../error.ts";
import { SnapshotDeleteFlags } from "../snapshot.ts";

Deno.test("snapshot ops - create, list as a tree, revert and delete on the test driver", async () => {
  const node = await writeTestNode([{ name: "web", disk: true }]);
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `connects to ${node.uri}`);
    const xml = (name: string) =>
      `<domainsnapshot><name>${name}</name><description>d ${name}</description></domainsnapshot>`;
    const a = await client.call("snapshotCreate", "web", xml("a"), 0);
    assertEquals(a.name, "a");
    assert(a.current);
    await client.call("snapshotCreate", "web", xml("b"), 0);
    const list = await client.call("snapshotList", "web");
    assertEquals(list.map((s) => [s.name, s.current]).sort(), [["a", false], ["b", true]]);
    assertMatch(list.find((s) => s.name === "b")!.xml, /<parent>\s*<name>a<\/name>/);

    await client.call("snapshotRevert", "web", "a", 0);
    const after = await client.call("snapshotList", "web");
    assert(after.find((s) => s.name === "a")!.current, "a is current after revert");

    await client.call("snapshotDelete", "web", "a", SnapshotDeleteFlags.CHILDREN);
    assertEquals(await client.call("snapshotList", "web"), []);
    const err = await assertRejects(
      () => client.call("snapshotRevert", "web", "a", 0),
      LibvirtError,
    );
    assertEquals(err.code, ErrorCode.NO_DOMAIN_SNAPSHOT);
  } finally {
    await client.close();
    await node.remove();
  }
});
