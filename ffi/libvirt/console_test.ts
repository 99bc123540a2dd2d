import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { LibvirtClient } from "./client.ts";
import { isTakeOver } from "./console.ts";
import { ErrorCode, LibvirtError } from "./error.ts";

async function withClient(uri: string, fn: (client: LibvirtClient) => Promise<void>) {
  const client = new LibvirtClient({ uri });
  try {
    assert(await client.connect(), `connects to ${uri}`);
    await fn(client);
  } finally {
    await client.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<LibvirtError> {
  const err = await p.then(() => null, (e) => e);
  assert(err instanceof LibvirtError, `expected a LibvirtError, got ${err}`);
  return err;
}

Deno.test("console - libvirt's test driver has no consoles: NO_SUPPORT", async () => {
  await withClient("test:///default", async (client) => {
    const err = await rejection(client.openConsole("test"));
    assertEquals(err.code, ErrorCode.NO_SUPPORT, err.message);
    assertMatch(err.message, /virDomainOpenConsole/);
  });
});

Deno.test("console - concurrent failing opens each get their own error", async () => {
  await withClient("test:///default", async (client) => {
    for (let i = 0; i < 5; i++) {
      const [missing, unsupported] = await Promise.all([
        rejection(client.openConsole(`no-such-vm-${i}`)),
        rejection(client.openConsole("test", { force: true })),
      ]);
      assertEquals(missing.code, ErrorCode.NO_DOMAIN, missing.message);
      assertEquals(unsupported.code, ErrorCode.NO_SUPPORT, unsupported.message);
    }
  });
});

Deno.test("console - a private test node cannot open a second connection", async () => {
  const node = await writeTestNode([{ name: "web" }]);
  try {
    await withClient(node.uri, async (client) => {
      const err = await rejection(client.openConsole("web"));
      assertEquals(err.code, ErrorCode.NO_SUPPORT);
      assertMatch(err.message, /cannot open a console/);
    });
  } finally {
    await node.remove();
  }
});

Deno.test("console - only libvirt's abort of a running domain's stream is a take-over", () => {
  const aborted = { reason: "error", code: 39, domain: 38, message: "stream had I/O failure" };
  assert(isTakeOver({ ...aborted, reason: "error", domainActive: true }));
  assert(!isTakeOver({ ...aborted, reason: "error", domainActive: false }), "the VM went away");
  assert(!isTakeOver({ ...aborted, reason: "error", code: 1, domainActive: true }));
  assert(!isTakeOver({ reason: "eof" }));
  assert(!isTakeOver({ reason: "closed" }));
});
