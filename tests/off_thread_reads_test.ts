// The reads a server makes on its own (ffi/libvirt/ops/off_thread_reads.ts), against the host's
// real libvirtd: the host check's facts and the domain capabilities come from the JS thread
// without a call worker, each failure with its own libvirt error. The test owns only the network
// and pools it defines, and looks only at those.

import { assert, assertEquals, assertMatch, assertRejects } from "./support/assert.ts";
import { assertLibvirtReachable, TEST_PREFIX, virsh } from "./support/guest.ts";
import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { callPool } from "../ffi/libvirt/call_pool.ts";
import { LibvirtError } from "../ffi/libvirt/error.ts";

Deno.test("off-thread reads - the host check's facts and domain capabilities from qemu:///system, with no call worker", async () => {
  await assertLibvirtReachable();
  const mine = `${TEST_PREFIX}offthread-${Deno.pid}-`;
  const [net, running, stopped] = ["net", "pool-on", "pool-off"].map((n) => mine + n);
  const dirs = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  const netXml = await Deno.makeTempFile({ suffix: ".xml" });
  // Isolated and never started: no bridge, no dnsmasq.
  await Deno.writeTextFile(netXml, `<network><name>${net}</name></network>`);
  const client = new LibvirtClient({ uri: "qemu:///system" });
  try {
    await virsh("net-define", netXml);
    await virsh("pool-define-as", stopped, "dir", "--target", dirs[0]);
    await virsh("pool-define-as", running, "dir", "--target", dirs[1]);
    await virsh("pool-start", running);
    assert(await client.connect(), "connects to qemu:///system");

    const facts = await client.read("hostCheckFacts");
    assertEquals(facts.type, "QEMU");
    assertMatch(facts.capabilities, /<capabilities>[\s\S]*<guest>/);
    assertEquals(facts.networks.filter((n) => n.name.startsWith(mine)), [
      { name: net, active: false },
    ]);
    assertEquals(facts.pools.filter((p) => p.name.startsWith(mine)), [
      { name: running, active: true },
      { name: stopped, active: false },
    ]);

    assertMatch(await client.read("domainCapabilities", "qemu", "q35"), /<domainCapabilities>/);
    const err = await assertRejects(
      () => client.read("domainCapabilities", "no-such-type", null),
      LibvirtError,
    );
    assertMatch(err.message, /unknown virttype: no-such-type/, "the call's own error");
    assertEquals(callPool("calls").isolates, 0, "no call worker was started for any of them");
  } finally {
    await client.close();
    await virsh("pool-destroy", running).catch(() => {});
    for (const pool of [running, stopped]) await virsh("pool-undefine", pool).catch(() => {});
    await virsh("net-undefine", net).catch(() => {});
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
    await Deno.remove(netXml);
  }
});
