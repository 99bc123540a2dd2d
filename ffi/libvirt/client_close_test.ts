// close() while a private test node's reading runs its nonblocking calls: the connection must
// outlive them. It was closed under them once, and libvirt went on using the freed test driver
// from its own threads (warnings, then a crash of the whole test process).

import { assertEquals } from "../../tests/support/assert.ts";
import { LibvirtClient } from "./client.ts";

const NODE = `<node>
  <cpu><mhz>2000</mhz><model>i686</model><active>4</active><nodes>1</nodes><sockets>1</sockets>
    <cores>2</cores><threads>2</threads></cpu>
  <memory>8388608</memory>
  <domain type='test'><name>r1</name><memory>1048576</memory><vcpu>1</vcpu>
    <os><type>hvm</type></os></domain>
</node>`;

Deno.test("libvirt client - close waits for a reading under way on a private test node", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-close-" });
  try {
    await Deno.writeTextFile(`${dir}/node.xml`, NODE);
    const rounds = 60;
    let ok = 0;
    for (let i = 0; i < rounds; i++) {
      const client = new LibvirtClient({ uri: `test://${dir}/node.xml` });
      assertEquals(await client.connect(), true, client.state.error ?? "");
      const reading = client.readMetrics(i % 2 === 0).then(() => ok++);
      // Now and then the reading's first call has started before the close.
      if (i % 3 === 1) await new Promise((r) => setTimeout(r, 0));
      await client.close();
      await reading;
    }
    assertEquals(ok, rounds, "every reading under way when close was called ended with its answer");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
