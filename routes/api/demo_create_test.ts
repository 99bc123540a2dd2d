import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { createContext } from "../../lib/compose.ts";
import { FEATURES } from "../features.ts";
import { openStore } from "../../lib/store.ts";
import { createApp } from "../app.ts";
import { adminToken, signedIn } from "../../tests/harness/test_app.ts";

// The demo connection (test:///default) has a pool called "default-pool", not "default".
Deno.test("vms_create - on the demo connection a VM without a pool goes to its first pool", async () => {
  const config = {
    uri: "test:///default",
    uriSource: "flag" as const,
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir: "",
  };
  const { ctx, client, close } = createContext(config, {
    features: FEATURES,
    store: openStore(null),
  });
  try {
    await client.connect();
    const app = signedIn(createApp(ctx), adminToken(ctx));
    const res = await app.request("http://localhost/api/vms", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "demo-new",
        cpuCount: 1,
        memoryMb: 256,
        diskSizeGb: 1,
        osType: "linux",
        network: "default",
        diskFormat: "qcow2",
        bootMenu: false,
      }),
    });
    const body = await res.json();
    assertEquals(res.status, 201, JSON.stringify(body));
    const vm = await (await app.request(`http://localhost/api/vms/${body.id}`)).json();
    assertMatch(vm.disks[0].path, /\/demo-new\.qcow2$/);
    await app.request(`http://localhost/api/vms/${body.id}`, {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ deleteDisks: true }),
    });
  } finally {
    await close();
  }
});
