// A host-wide listing passes over an object undefined between the list and the read, and still
// fails on any other error: on the test driver, with real handles.

import { assertEquals, assertThrows } from "../../../tests/support/assert.ts";
import { writeTestNode } from "../../../tests/support/test_node.ts";
import { Connection } from "../connection.ts";
import { ErrorCode, LibvirtError } from "../error.ts";
import type { Network } from "../network.ts";
import { silenceLibvirtErrors } from "../silence_errors.ts";
import { readListed } from "./listed.ts";

async function withTwoNetworks(fn: (conn: Connection, listed: Network[]) => void) {
  silenceLibvirtErrors(); // as LibvirtClient does: the refusals are expected, LibvirtError carries them
  const node = await writeTestNode([]);
  const conn = Connection.open(node.uri);
  try {
    conn.defineNetwork("<network><name>gone-soon</name></network>").free();
    const listed = conn.listAllNetworks();
    const gone = conn.lookupNetwork("gone-soon");
    gone.undefine(); // inactive and persistent: undefining removes it
    gone.free();
    fn(conn, listed);
  } finally {
    conn.close();
    await node.remove();
  }
}

Deno.test("readListed - a network undefined after the list is left out, the rest is read", async () => {
  await withTwoNetworks((_conn, listed) => {
    assertEquals(listed.length, 2);
    const names = readListed(listed, (n) => {
      n.getXMLDesc(); // asks libvirt by UUID: NO_NETWORK for the undefined one
      return n.getName();
    }, ErrorCode.NO_NETWORK);
    assertEquals(names, ["default"]);
  });
});

Deno.test("readListed - any other error still fails the listing", async () => {
  await withTwoNetworks((_conn, listed) => {
    const err = assertThrows(
      () => readListed(listed, (n) => n.getXMLDesc(), ErrorCode.NO_STORAGE_POOL),
      LibvirtError,
    );
    assertEquals(err.code, ErrorCode.NO_NETWORK);
  });
});
