import { assertEquals, assertRejects } from "../../../tests/support/assert.ts";
import { writeTestNode } from "../../../tests/support/test_node.ts";
import { LibvirtClient } from "../client.ts";
import { ErrorCode, LibvirtError } from "../error.ts";
import { BaselineFlags } from "../cpu.ts";

// The test driver has neither call: the product must tell "not checked" from "fits" there.
Deno.test("cpu ops - the test driver answers NO_SUPPORT to compare and baseline", async () => {
  const node = await writeTestNode([]);
  const client = new LibvirtClient({ uri: node.uri });
  try {
    await client.connect();
    const cpu = "<cpu mode='custom' match='exact'><model>qemu64</model></cpu>";
    const compare = await assertRejects(() => client.call("cpuCompare", "qemu", cpu), LibvirtError);
    assertEquals(compare.code, ErrorCode.NO_SUPPORT);
    const baseline = await assertRejects(
      () => client.call("cpuBaseline", "qemu", [cpu], BaselineFlags.MIGRATABLE),
      LibvirtError,
    );
    assertEquals(baseline.code, ErrorCode.NO_SUPPORT);
  } finally {
    await client.close();
    await node.remove();
  }
});
