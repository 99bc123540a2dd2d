// The shared test host state against the real libvirtd: a network and pools of this test's own
// (not the ones the other real-QEMU tests use, so it can run beside them) are removed by the
// last lease, kept while another live one remains, and removed when a process simply ends.

import { assert, assertEquals } from "./support/assert.ts";
import { assertLibvirtReachable, run, TEST_PREFIX, virsh } from "./support/guest.ts";
import { TestHostState, type TestHostStateOptions } from "./support/test_host_state.ts";

const NET = `${TEST_PREFIX}lease-net`;
const CACHE = `${TEST_PREFIX}lease-cache`;
const POOL = `${TEST_PREFIX}lease-pool`;
const IMAGES = "/var/lib/libvirt/images";

const options = (leaseDir: string): TestHostStateOptions => ({
  uri: "qemu:///system",
  leaseDir,
  lockPath: IMAGES,
  networks: [NET],
  pools: [
    { name: CACHE, dir: `${IMAGES}/${CACHE}`, cache: true },
    { name: POOL, dir: `${IMAGES}/${POOL}`, cache: false },
  ],
});

const defined = {
  net: () => virsh("net-info", NET).then(() => true, () => false),
  pool: (name: string) => virsh("pool-info", name).then(() => true, () => false),
};
const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

/** What the real-QEMU helpers make: the isolated network started, both pools running. */
async function makeState() {
  const file = await Deno.makeTempFile({ prefix: TEST_PREFIX, suffix: ".xml" });
  await Deno.writeTextFile(file, `<network><name>${NET}</name></network>`);
  await virsh("net-define", file).finally(() => Deno.remove(file));
  await virsh("net-start", NET);
  for (const name of [CACHE, POOL]) {
    await virsh("pool-define-as", name, "dir", "--target", `${IMAGES}/${name}`);
    await virsh("pool-build", name);
    await virsh("pool-start", name);
  }
  await Deno.writeTextFile(`${IMAGES}/${CACHE}/initrd.cpio`, "cached");
}

/** Whatever a failed run left. */
async function cleanup(leaseDir: string) {
  await virsh("net-destroy", NET).catch(() => {});
  await virsh("net-undefine", NET).catch(() => {});
  for (const name of [CACHE, POOL]) {
    await virsh("pool-destroy", name).catch(() => {});
    await virsh("pool-undefine", name).catch(() => {});
    await Deno.remove(`${IMAGES}/${name}`, { recursive: true }).catch(() => {});
  }
  await Deno.remove(leaseDir, { recursive: true }).catch(() => {});
}

async function assertAllGone(leaseDir: string) {
  assertEquals(await defined.net(), false, "the network is gone");
  assertEquals(await defined.pool(CACHE), false, "the cache pool is gone");
  assertEquals(await defined.pool(POOL), false, "the pool is gone");
  assertEquals(await exists(`${IMAGES}/${CACHE}`), false, "the cache folder is gone");
  assertEquals(await exists(`${IMAGES}/${POOL}`), false, "the pool folder is gone");
  assertEquals(await exists(leaseDir), false, "no lease folder is left");
}

Deno.test("test host state - the last lease removes the network and pools, not an earlier one", async () => {
  await assertLibvirtReachable();
  const leaseDir = await Deno.makeTempDir({ prefix: TEST_PREFIX });
  await Deno.remove(leaseDir);
  try {
    // Two test modules using the state, as two files of one run or two runs side by side.
    const first = new TestHostState(options(leaseDir));
    const second = new TestHostState(options(leaseDir));
    await first.hold();
    await makeState();
    await second.hold();
    await second.hold(); // once per module, however often its helpers ask

    assertEquals(first.release(), []);
    assert(await defined.net(), "kept while a live lease remains");
    assertEquals((await virsh("net-info", NET)).match(/^Active:\s+(\w+)/m)?.[1], "yes");
    assert(await defined.pool(POOL) && await exists(`${IMAGES}/${CACHE}/initrd.cpio`));

    // A lease of a process that died (killed: no unload) does not keep the state.
    await Deno.writeTextFile(`${leaseDir}/999999999-dead`, "");
    assertEquals(second.release(), []);
    await assertAllGone(leaseDir);
    assertEquals(second.release(), [], "releasing twice does nothing");
  } finally {
    await cleanup(leaseDir);
  }
});

Deno.test("test host state - a pool a test left a volume in is kept and named", async () => {
  await assertLibvirtReachable();
  const leaseDir = await Deno.makeTempDir({ prefix: TEST_PREFIX });
  await Deno.remove(leaseDir);
  try {
    const state = new TestHostState(options(leaseDir));
    await state.hold();
    await makeState();
    await Deno.writeTextFile(`${IMAGES}/${POOL}/${TEST_PREFIX}leak.qcow2`, "");
    const problems = state.release();
    assertEquals(problems, [
      `pool ${POOL} kept: ${IMAGES}/${POOL} still holds ${TEST_PREFIX}leak.qcow2`,
    ]);
    assert(await defined.pool(POOL), "the pool with a leftover volume stays");
    assertEquals(await defined.net(), false);
    assertEquals(await defined.pool(CACHE), false);
    assertEquals(await exists(`${IMAGES}/${CACHE}`), false);
  } finally {
    await cleanup(leaseDir);
  }
});

Deno.test("test host state - a process that ends removes what it held", async () => {
  await assertLibvirtReachable();
  const leaseDir = await Deno.makeTempDir({ prefix: TEST_PREFIX });
  await Deno.remove(leaseDir);
  try {
    // The child holds the state, makes it and exits without releasing: unload does it.
    const module = new URL("./test_host_state_test_child.ts", import.meta.url).pathname;
    const out = await run(Deno.execPath(), ["run", "-A", module, leaseDir]);
    assertEquals(out.trim(), "made");
    await assertAllGone(leaseDir);
  } finally {
    await cleanup(leaseDir);
  }
});
