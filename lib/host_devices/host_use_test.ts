import { assertEquals } from "../../tests/support/assert.ts";
import { hostUses } from "./host_use.ts";
import { localHostFiles } from "./host_files.ts";
import { fakeHost } from "../../tests/support/fake_sysfs.ts";

Deno.test("host use - the route's NIC through a bridge and a bond, the root disk's controller through LVM, the console GPU", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-sys-" });
  try {
    const uses = await hostUses(localHostFiles(await fakeHost(root)));
    assertEquals(Object.fromEntries(uses), {
      "0000:03:00.0": { reason: "route", via: "br0" },
      "0000:00:1f.2": { reason: "root-disk", via: "sda2" },
      "0000:00:02.0": { reason: "console", via: null },
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("host use - on this machine: the default route's NIC and the root disk's controller are found", async () => {
  const uses = await hostUses();
  const reasons = [...uses.values()].map((u) => u.reason).sort();
  // This machine (and CI's) has a PCI NIC for its route and a PCI disk for its root.
  assertEquals(reasons.filter((r) => r !== "console"), ["root-disk", "route"]);
});
