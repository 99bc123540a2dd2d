import { assert, assertEquals } from "../../../tests/support/assert.ts";
import { copyDestXml, diskFileOf, withMovedDisk } from "./xml.ts";

const DOMAIN = `<domain type='qemu'><name>a</name><devices>
<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='/p1/a.qcow2'/><backingStore/><target dev='vda' bus='virtio'/></disk>
<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/p1/b.raw'/><target dev='vdb' bus='virtio'/></disk>
</devices></domain>`;

Deno.test("disk move xml - the copy's destination names file and format", () => {
  const xml = copyDestXml("/p2/a.raw", "raw");
  assert(xml.includes(`<source file="/p2/a.raw">`));
  assert(xml.includes(`<driver type="raw">`));
  assert(xml.includes(`<disk type="file">`));
});

Deno.test("disk move xml - the moved disk names the new file; the others stay", () => {
  const moved = withMovedDisk(DOMAIN, "vda", { path: "/p2/a.raw", format: "raw" })!;
  assertEquals(diskFileOf(moved, "vda"), "/p2/a.raw");
  assertEquals(diskFileOf(moved, "vdb"), "/p1/b.raw");
  assert(moved.includes(`<driver name="qemu" type="raw" cache="none"`));
  assertEquals(moved.includes("backingStore"), false);
  assertEquals(withMovedDisk(DOMAIN, "vdz", { path: "/x", format: "raw" }), null);
  assertEquals(diskFileOf(DOMAIN, "vdz"), null);
});
