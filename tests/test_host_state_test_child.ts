// Child of tests/test_host_state_test.ts: holds the state in the lease folder given as argument,
// makes the network and pools, prints "made" and ends without releasing: its unload does.

import { TEST_PREFIX, virsh } from "./support/guest.ts";
import { TestHostState } from "./support/test_host_state.ts";

const IMAGES = "/var/lib/libvirt/images";
const NET = `${TEST_PREFIX}lease-net`;
const pools = [`${TEST_PREFIX}lease-cache`, `${TEST_PREFIX}lease-pool`];

const state = new TestHostState({
  uri: "qemu:///system",
  leaseDir: Deno.args[0],
  lockPath: IMAGES,
  networks: [NET],
  pools: pools.map((name, i) => ({ name, dir: `${IMAGES}/${name}`, cache: i === 0 })),
});
await state.hold();
const file = await Deno.makeTempFile({ prefix: TEST_PREFIX, suffix: ".xml" });
await Deno.writeTextFile(file, `<network><name>${NET}</name></network>`);
await virsh("net-define", file).finally(() => Deno.remove(file));
await virsh("net-start", NET);
for (const name of pools) {
  await virsh("pool-define-as", name, "dir", "--target", `${IMAGES}/${name}`);
  await virsh("pool-build", name);
  await virsh("pool-start", name);
}
await Deno.writeTextFile(`${IMAGES}/${pools[0]}/initrd.cpio`, "cached");
console.log("made");
