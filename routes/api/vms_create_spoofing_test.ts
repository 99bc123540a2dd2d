// POST /api/vms with anti-spoofing on the test driver: the flag is checked (a flag, and only with
// a network), and the driver's lack of network filters refuses the VM before anything is made.
// Real libvirtd proves the filter and the NIC's reference (tests/qemu_create_test.ts).

import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { FieldIssue, VmSummary } from "../../shared/vms.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const config = (over: Record<string, unknown> = {}) => ({
  name: "guarded",
  cpuCount: 1,
  memoryMb: 512,
  diskSizeGb: 1,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
  antiSpoofing: true,
  ...over,
});

Deno.test("vms create - anti-spoofing is a flag, and needs a network", async () => {
  await withTestApp(async ({ req }) => {
    for (
      const [over, words] of [
        [{ antiSpoofing: "yes" }, "Anti-spoofing must be on or off (true or false)"],
        [{ network: "" }, "Anti-spoofing guards a network interface: choose a network"],
      ] as const
    ) {
      const res = await req("POST", "/api/vms/validate", config(over));
      const body = await res.json() as { errors: FieldIssue[] };
      assertEquals(body.errors, [{ field: "antiSpoofing", message: words }]);
    }
  });
});

Deno.test("vms create - without network filters (test driver) nothing is made", async () => {
  await withTestApp(async ({ req }) => {
    const volumes = async () => {
      const res = await req("GET", "/api/pools/default/volumes");
      assertEquals(res.status, 200);
      return ((await res.json()) as { name: string }[]).map((v) => v.name).sort();
    };
    const before = await volumes();
    assertEquals(before.includes("web.qcow2"), true);
    const res = await req("POST", "/api/vms", config());
    const err = await res.json() as ApiError;
    assertEquals([res.status, err.code], [501, "NOT_SUPPORTED"], JSON.stringify(err));
    assertMatch(err.message, /^Failed to set up anti-spoofing: .*not supported/);
    const vms = await (await req("GET", "/api/vms")).json() as VmSummary[];
    assertEquals(vms.some((v) => v.name === "guarded"), false);
    assertEquals(await volumes(), before, "the disk made first is gone again");
  });
});
