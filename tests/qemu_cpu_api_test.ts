// libvirt's CPU comparison and baseline for TCG guests (virttype qemu) on the real qemu:///system,
// through the worker ops (ffi/libvirt/ops/cpu.ts): a model TCG can give fits, a feature it cannot
// is CPU_INCOMPATIBLE (91) naming the feature, and two failing compares at once each get their
// own error. Reads only; defines nothing (docs/dev/cpu-models-plan.md, 1c and 1e).

import { assert, assertEquals, assertMatch, assertRejects } from "./support/assert.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../ffi/libvirt/error.ts";
import { BaselineFlags } from "../ffi/libvirt/cpu.ts";

const cpu = (model: string, require: string[] = []) =>
  `<cpu mode='custom' match='exact'><model fallback='forbid'>${model}</model>${
    require.map((f) => `<feature policy='require' name='${f}'/>`).join("")
  }</cpu>`;

Deno.test("qemu cpu api - compare and baseline for TCG on the real libvirtd", async () => {
  await assertLibvirtReachable();
  const client = new LibvirtClient({ uri: "qemu:///system" });
  try {
    assert(await client.connect(), "connects to qemu:///system");
    assertEquals(await client.call("cpuCompare", "qemu", cpu("qemu64")), "superset");

    const err = await assertRejects(
      () => client.call("cpuCompare", "qemu", cpu("qemu64", ["avx512f"])),
      LibvirtError,
    );
    assertEquals(err.code, ErrorCode.CPU_INCOMPATIBLE);
    assertMatch(err.message, /avx512f/);

    // Each failing call's own words, though both ran at once (STYLE: its own libvirt error).
    const [a, b] = await Promise.all([
      client.call("cpuCompare", "qemu", cpu("qemu64", ["avx512f"])).catch((e) => e),
      client.call("cpuCompare", "qemu", cpu("qemu64", ["avx512bw"])).catch((e) => e),
    ]);
    assertMatch((a as Error).message, /avx512f/);
    assertMatch((b as Error).message, /avx512bw/);
    assert(!(a as Error).message.includes("avx512bw"), (a as Error).message);

    // The baseline of two CPUs is one both run, named with every feature when asked.
    const base = await client.call(
      "cpuBaseline",
      "qemu",
      [cpu("qemu64", ["sse4.1"]), cpu("qemu64", ["sse4.2"])],
      BaselineFlags.EXPAND_FEATURES | BaselineFlags.MIGRATABLE,
    );
    assertMatch(base, /<cpu[\s\S]*<model[^>]*>qemu64<\/model>/);
    // Expanded: qemu64's own features are named; neither CPU's extra one is in both.
    assertMatch(base, /name='sse2'/);
    assert(!/name='sse4\.[12]'/.test(base), base);
    assertEquals(await client.call("cpuCompare", "qemu", base), "superset");
  } finally {
    await client.close();
  }
});
