// The real-libvirt tier is read from each test file's own imports: the files that boot guests
// or reach libvirtd are in it, unit tests that only parse the URI as a string are not.

import { assertEquals } from "../support/assert.ts";
import { talksToRealLibvirt } from "./tiers.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("tiers - the real-libvirt tier is read from what each file uses", async () => {
  const classed = async (path: string) =>
    talksToRealLibvirt(path, await Deno.readTextFile(`${ROOT}${path}`));
  for (const path of ["tests/qemu_test.ts", "tests/browser_test.ts", "routes/api/spice_test.ts"]) {
    assertEquals(await classed(path), true, path);
  }
  for (
    const path of [
      "lib/vms/qemu_process_test.ts",
      "tests/vm_list_browser_test.ts",
      "routes/api/vms_test.ts",
    ]
  ) {
    assertEquals(await classed(path), false, path);
  }
  assertEquals(talksToRealLibvirt("tests/x_test.ts", 'const u = "qemu:///system";'), true);
  assertEquals(talksToRealLibvirt("lib/x_test.ts", 'const u = "qemu:///system";'), false);
});
