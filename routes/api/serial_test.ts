import { assertEquals } from "../../tests/support/assert.ts";
import type { Hono } from "hono";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { closeFrame, inputOf } from "./serial.ts";

const upgrade = {
  upgrade: "websocket",
  connection: "Upgrade",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  "sec-websocket-version": "13",
};

const INVALID_TICKET =
  "The console ticket is missing, expired, used or not for this VM: reopen the console";

async function ticketFor(app: Hono, vm: string): Promise<string> {
  const res = await app.request(`http://localhost/api/vms/${vm}/console-ticket`, {
    method: "POST",
  });
  const body = await res.json();
  assertEquals(res.status, 200, JSON.stringify(body));
  return body.ticket;
}

/** The status and JSON body of an upgrade to `vm`'s serial console. */
async function open(app: Hono, vm: string, query: string, headers: HeadersInit = upgrade) {
  const res = await app.request(`http://localhost/api/vms/${vm}/serial${query}`, { headers });
  return { status: res.status, body: await res.json() };
}

Deno.test("serial route - every refusal comes before the upgrade, as JSON", async () => {
  await withTestApp(async ({ app, client }) => {
    assertEquals(await open(app, "web", "", {}), {
      status: 426,
      body: { code: "UPGRADE_REQUIRED", message: "This endpoint speaks WebSocket only" },
    }, "plain GET");
    assertEquals(
      (await open(app, "web", "", { upgrade: "websocket" })).status,
      426,
      "no Sec-WebSocket-Key",
    );
    assertEquals(await open(app, "nope", "?ticket=x"), {
      status: 404,
      body: { code: "VM_NOT_FOUND", message: "VM not found: nope" },
    });
    const invalid = { status: 403, body: { code: "INVALID_TICKET", message: INVALID_TICKET } };
    assertEquals(await open(app, "web", ""), invalid, "no ticket");
    assertEquals(await open(app, "web", `?ticket=${await ticketFor(app, "db")}`), invalid, "db's");

    assertEquals(await open(app, "db", `?ticket=${await ticketFor(app, "db")}`), {
      status: 409,
      body: { code: "VM_NOT_RUNNING", message: "VM is not running" },
    }, "a stopped VM");
    const used = await ticketFor(app, "web");
    assertEquals(await open(app, "web", `?ticket=${used}`), {
      status: 409,
      body: { code: "NO_SERIAL", message: "This VM has no serial console" },
    }, "a running VM without a serial port");
    assertEquals(await open(app, "web", `?ticket=${used}`), invalid, "a used ticket");

    // A VM with a serial port on the test driver: everything passes but the open itself.
    await client.call(
      "domainDefine",
      `<domain type='test'><name>tty</name><memory unit='MiB'>64</memory>
        <os><type arch='x86_64'>hvm</type></os>
        <devices><serial type='pty'><target port='0'/></serial></devices></domain>`,
    );
    await client.call("domainAction", "tty", "create");
    assertEquals(await open(app, "tty", `?ticket=${await ticketFor(app, "tty")}&force=1`), {
      status: 501,
      body: {
        code: "NOT_SUPPORTED",
        message: "Serial consoles are not available on this connection: " +
          "this test connection cannot open a console (it has no second connection)",
      },
    });
  });
});

Deno.test("serial route - ?probe=1 runs the same checks as plain HTTP, for browsers", async () => {
  await withTestApp(async ({ app }) => {
    assertEquals(await open(app, "db", `?probe=1&ticket=${await ticketFor(app, "db")}`, {}), {
      status: 409,
      body: { code: "VM_NOT_RUNNING", message: "VM is not running" },
    });
    assertEquals(await open(app, "web", "?probe=1", {}), {
      status: 403,
      body: { code: "INVALID_TICKET", message: INVALID_TICKET },
    });
    assertEquals(await open(app, "web", `?probe=1&ticket=${await ticketFor(app, "web")}`, {}), {
      status: 409,
      body: { code: "NO_SERIAL", message: "This VM has no serial console" },
    });
  });
});

Deno.test("serial route - a viewer may not open a console", async () => {
  await withTestApp(async ({ app, tokenFor }) => {
    const res = await app.request("http://localhost/api/vms/web/serial?ticket=x", {
      headers: { ...upgrade, authorization: `Bearer ${tokenFor("viewer")}` },
    });
    assertEquals(res.status, 403);
    assertEquals((await res.json()).code, "FORBIDDEN");
  });
});

Deno.test("serial route - client frames: bytes are typed, control messages are not", () => {
  const bytes = (v: Uint8Array | null) => v && Array.from(v);
  assertEquals(bytes(inputOf(new Uint8Array([3, 4, 13]).buffer)), [3, 4, 13], "binary");
  assertEquals(inputOf(new ArrayBuffer(0)), null, "empty binary");
  assertEquals(bytes(inputOf("ls\r")), [108, 115, 13], "text is typed as UTF-8");
  assertEquals(bytes(inputOf("é")), [0xc3, 0xa9]);
  assertEquals(inputOf(JSON.stringify({ type: "resize", cols: 80, rows: 24 })), null, "resize");
  assertEquals(inputOf('{"type":"later-maybe"}'), null, "unknown control messages");
  assertEquals(bytes(inputOf("{not json")), Array.from(new TextEncoder().encode("{not json")));
  assertEquals(bytes(inputOf(`{"cols":80}`)), Array.from(new TextEncoder().encode(`{"cols":80}`)));
});

Deno.test("serial route - close frames say how the console ended", () => {
  assertEquals(closeFrame({ kind: "stopped", message: "console closed" }), {
    code: 1000,
    reason: "console closed",
  });
  assertEquals(
    closeFrame({ kind: "taken-over", message: "Another client took over the console" }),
    {
      code: 4001,
      reason: "Another client took over the console",
    },
  );
  const long = closeFrame({ kind: "error", message: "é".repeat(100) });
  assertEquals(long.code, 1011);
  assertEquals(new TextEncoder().encode(long.reason).length <= 123, true, long.reason);
  assertEquals(long.reason.endsWith("…"), true);
});
