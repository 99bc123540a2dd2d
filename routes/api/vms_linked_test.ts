// POST /api/vms with `baseImagePath` (a linked clone) on the test driver: the rules a base
// must meet are checked before anything is made. Real libvirtd proves the overlay, the boot,
// the protected base and "make independent" (tests/qemu_linked_clone_test.ts).

import { assertEquals } from "../../tests/support/assert.ts";
import type { FieldIssue } from "../../shared/vms.ts";
import { TEST_POOL_PATH } from "../../tests/support/test_node.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const BASE = `${TEST_POOL_PATH}/web.qcow2`;
const config = (over: Record<string, unknown> = {}) => ({
  name: "clone1",
  cpuCount: 1,
  memoryMb: 512,
  diskSizeGb: 1,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
  baseImagePath: BASE,
  ...over,
});

Deno.test("vms create - a linked clone's base: qcow2 disk, not with an imported disk, a pool volume", async () => {
  await withTestApp(async ({ req }) => {
    const ok = await req("POST", "/api/vms/validate", config());
    assertEquals((await ok.json() as { errors: FieldIssue[] }).errors, []);
    for (
      const [over, issue] of [
        [{ diskFormat: "raw" }, {
          field: "diskFormat",
          message: "A linked clone's disk is qcow2 (an overlay of its base image)",
        }],
        [{ importDiskPath: BASE }, {
          field: "baseImagePath",
          message: "Give a base image or a disk to import, not both",
        }],
        [{ baseImagePath: "relative.qcow2" }, {
          field: "baseImagePath",
          message: "Base image not found: relative.qcow2",
        }],
        [{ baseImagePath: "/nowhere/base.qcow2" }, {
          field: "baseImagePath",
          message:
            "Base image not found: /nowhere/base.qcow2 (it must be a volume of a storage pool)",
        }],
      ] as const
    ) {
      const res = await req("POST", "/api/vms/validate", config(over));
      const body = await res.json() as { errors: FieldIssue[] };
      assertEquals(body.errors, [issue], JSON.stringify(over));
    }
  }, [{ name: "web", disk: true }]);
});
