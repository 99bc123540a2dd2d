// The one error handler: a server-side failure answers {code, message} and is written to the
// admin's log with the libvirt error behind it.

import { assert, assertEquals } from "../tests/support/assert.ts";
import { withTestApp } from "./test_app.ts";

Deno.test("errors - a 5xx AppError is logged with its cause; a 4xx is not", async () => {
  await withTestApp(async ({ req }) => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(" "));
    try {
      // The demo driver cannot detach devices: libvirt's NO_SUPPORT becomes 501.
      const res = await req("DELETE", "/api/vms/db/disks/vda");
      assertEquals(res.status, 501);
      assertEquals((await res.json()).code, "NOT_SUPPORTED");
      const notFound = await req("GET", "/api/vms/nope");
      assertEquals(notFound.status, 404);
      await notFound.body?.cancel();
    } finally {
      console.error = original;
    }
    assertEquals(logged.length, 1, logged.join("\n"));
    assert(
      logged[0].startsWith("DELETE /api/vms/db/disks/vda: NOT_SUPPORTED") &&
        logged[0].includes("virDomainDetachDeviceFlags"),
      logged[0],
    );
  });
});
