import { assert, assertEquals, assertMatch, assertRejects } from "../lib/testing/assert.ts";
import { LibvirtClient, type LifecycleEvent } from "./client.ts";
import { ErrorCode, LibvirtError } from "./error.ts";

async function withClient(fn: (client: LibvirtClient) => Promise<void>) {
  const client = new LibvirtClient({ uri: "test:///default" });
  try {
    assert(await client.connect(), "connects to test:///default");
    await fn(client);
  } finally {
    await client.close();
  }
}

Deno.test("client - lists the demo domain with one bulk stats call", async () => {
  await withClient(async (client) => {
    const list = await client.call("domainList");
    assertEquals(list.length, 1);
    assertEquals(list[0].name, "test");
    assertEquals(list[0].params["state.state"], 1);
  });
});

Deno.test("client - two concurrent failing calls each get their own error", async () => {
  await withClient(async (client) => {
    // Run many pairs so both workers are busy at once; each must report its own code.
    for (let i = 0; i < 20; i++) {
      const [missing, invalid] = await Promise.allSettled([
        client.call("domainGet", "no-such-vm-" + i),
        client.call("domainAction", "test", "create"), // "test" is already running
      ]);
      assertEquals(missing.status, "rejected");
      assertEquals(invalid.status, "rejected");
      const a = (missing as PromiseRejectedResult).reason as LibvirtError;
      const b = (invalid as PromiseRejectedResult).reason as LibvirtError;
      assertEquals(a.code, ErrorCode.NO_DOMAIN, a.message);
      // The test driver reports "already running" as INTERNAL_ERROR.
      assertEquals(b.code, ErrorCode.INTERNAL_ERROR, b.message);
      assertMatch(b.message, /already running/);
      assertMatch(a.message, /Domain not found/);
    }
  });
});

Deno.test("client - lifecycle events arrive as JavaScript events", async () => {
  await withClient(async (client) => {
    const seen: LifecycleEvent[] = [];
    const got = new Promise<void>((resolve) => {
      client.addEventListener("lifecycle", (e) => {
        seen.push((e as CustomEvent<LifecycleEvent>).detail);
        if (seen.length >= 2) resolve();
      });
    });
    await client.call("domainAction", "test", "suspend");
    await client.call("domainAction", "test", "resume");
    await got;
    assertEquals(seen.map((e) => e.event), [3, 4]); // SUSPENDED, RESUMED
    assertEquals(seen[0].name, "test");
  });
});

Deno.test("client - a call while disconnected rejects with NO_CONNECT", async () => {
  const client = new LibvirtClient({ uri: "qemu+unix:///system?socket=/nonexistent/sock" });
  try {
    assertEquals(await client.connect(), false);
    assertEquals(client.state.connected, false);
    const err = await assertRejects(() => client.call("domainList"), LibvirtError);
    assertEquals(err.code, ErrorCode.NO_CONNECT);
  } finally {
    await client.close();
  }
});
