// The one error handler: a server-side failure answers {code, message} and is written to the
// admin's log with the libvirt error behind it; libvirtd away answers 503 with Retry-After.

import { assert, assertEquals } from "../tests/support/assert.ts";
import type { Config } from "../lib/config.ts";
import { createContext } from "../lib/compose.ts";
import { FEATURES } from "./features.ts";
import { LIBVIRT_RETRY_SECONDS } from "../lib/errors.ts";
import { openStore } from "../lib/store.ts";
import { createApp } from "./app.ts";
import { adminToken, signedIn, withTestApp } from "../tests/harness/test_app.ts";

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

Deno.test("errors - every 503 LIBVIRT_UNAVAILABLE carries Retry-After", async () => {
  // A libvirtd socket nobody listens on: the client stays disconnected and reconnects in turn.
  const config: Config = {
    uri: "qemu+unix:///system?socket=/nonexistent/kvmm-errors-test.sock",
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir: "/nonexistent",
  };
  const { ctx, client, close } = createContext(config, {
    features: FEATURES,
    store: openStore(null),
  });
  try {
    assertEquals(await client.connect(), false);
    const app = signedIn(createApp(ctx), adminToken(ctx));
    for (const path of ["/api/vms", "/api/vms/web", "/api/host", "/api/networks"]) {
      const res = await app.request(`http://localhost${path}`);
      const body = await res.json();
      assertEquals([res.status, body.code], [503, "LIBVIRT_UNAVAILABLE"], path);
      assertEquals(res.headers.get("retry-after"), String(LIBVIRT_RETRY_SECONDS), path);
    }
  } finally {
    await close();
  }
});
