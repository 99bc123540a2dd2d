// The SPICE console proxy on the test driver: refusals in words (in memory), and over real
// loopback sockets against a stand-in SPICE server (tests/support/spice.ts), how one console ticket
// opens the channels of one session and nothing more.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { Hono } from "hono";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import {
  fakeSpiceServer,
  rawUpgrade,
  SPICE_CHANNEL,
  SPICE_PUBKEY_BYTES,
  spiceLink,
  spiceLinkMess,
} from "../../tests/support/spice.ts";
import { WebSocketWithHeaders, WsBytes } from "../../tests/support/rfb.ts";
import { within } from "../../tests/support/guest.ts";
import { MAX_CHANNELS } from "../../lib/consoles/spice_sessions.ts";

const upgrade = {
  upgrade: "websocket",
  connection: "Upgrade",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  "sec-websocket-version": "13",
};

const INVALID_TICKET = {
  code: "INVALID_TICKET",
  message: "The console ticket is missing, expired, used or not for this VM: reopen the console",
};

/** A console ticket for `vm`, asked for as the caller `headers` name (the app's admin token). */
async function ticketFor(app: Hono, vm: string, headers: HeadersInit = {}): Promise<string> {
  const res = await app.request(`http://localhost/api/vms/${vm}/console-ticket`, {
    method: "POST",
    headers,
  });
  const body = await res.json();
  assertEquals(res.status, 200, JSON.stringify(body));
  return body.ticket;
}

/** The status and body of an in-memory upgrade of `vm`'s SPICE socket. */
async function open(app: Hono, vm: string, query: string, headers: HeadersInit = {}) {
  const res = await app.request(`http://localhost/api/vms/${vm}/spice${query}`, {
    headers: { ...upgrade, ...headers },
  });
  return { status: res.status, body: await res.json() };
}

/** Defines and starts a test-driver VM whose SPICE listens on 127.0.0.1:`port`. */
async function spiceVm(client: LibvirtClient, name: string, port: number): Promise<string> {
  const { uuid } = await client.call(
    "domainDefine",
    `<domain type='test'><name>${name}</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
      <os><type arch='x86_64'>hvm</type></os>
      <devices><graphics type='spice' port='${port}' autoport='no' listen='127.0.0.1'/></devices>
    </domain>`,
  );
  await client.call("domainAction", uuid, "create");
  return uuid;
}

/** A port on 127.0.0.1 that nothing listens on (just freed). */
function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = l.addr as Deno.NetAddr;
  l.close();
  return port;
}

Deno.test("spice - refuses plain HTTP, unknown and stopped VMs, and a VM with VNC only", async () => {
  await withTestApp(async ({ app }) => {
    for (const headers of [{}, { upgrade: "websocket" }] as Record<string, string>[]) {
      const res = await app.request("http://localhost/api/vms/web/spice", { headers });
      assertEquals(res.status, 426);
      assertEquals((await res.json()).message, "This endpoint speaks WebSocket only");
    }
    assertEquals(await open(app, "nope", ""), {
      status: 404,
      body: { code: "VM_NOT_FOUND", message: "VM not found: nope" },
    });
    // Past the ticket check, the VM itself decides.
    assertEquals(await open(app, "db", `?ticket=${await ticketFor(app, "db")}`), {
      status: 409,
      body: { code: "INVALID_STATE", message: "VM is not running" },
    });
    const vncOnly = {
      status: 409,
      body: { code: "NO_SPICE", message: "SPICE not configured for this VM" },
    };
    assertEquals(await open(app, "web", `?ticket=${await ticketFor(app, "web")}`), vncOnly);
    const status = await app.request("http://localhost/api/vms/web/spice/status");
    assertEquals({ status: status.status, body: await status.json() }, vncOnly);
  });
});

Deno.test("spice - opens only with a live ticket of this caller for this VM", async () => {
  await withTestApp(async ({ app, tokenFor }) => {
    const refused = { status: 403, body: INVALID_TICKET };
    assertEquals(await open(app, "db", ""), refused, "no ticket");
    assertEquals(await open(app, "db", "?ticket=made-up"), refused, "an unknown ticket");
    assertEquals(
      await open(app, "db", `?ticket=${await ticketFor(app, "web")}`),
      refused,
      "VM A's",
    );
    // Another caller (another token, even an admin's) cannot use this caller's ticket.
    const mine = await ticketFor(app, "db");
    const other = { authorization: `Bearer ${tokenFor("admin")}` };
    assertEquals(await open(app, "db", `?ticket=${mine}`, other), refused, "another token's");
    // A viewer may not open a console at all, nor ask for a ticket.
    const viewer = { authorization: `Bearer ${tokenFor("viewer")}` };
    const res = await app.request("http://localhost/api/vms/db/console-ticket", {
      method: "POST",
      headers: viewer,
    });
    assertEquals(res.status, 403);
    const asViewer = await open(app, "db", `?ticket=${await ticketFor(app, "db")}`, viewer);
    assertEquals([asViewer.status, asViewer.body.code], [403, "FORBIDDEN"]);
    // An operator granted another VM only may not either.
    const operator = { authorization: `Bearer ${tokenFor("operator", ["nope"])}` };
    assertEquals((await open(app, "db", "?ticket=x", operator)).status, 403);
  });
});

Deno.test("spice - a display that does not answer is told in words, and spends the ticket", async () => {
  await withTestApp(async ({ app, client }) => {
    const uuid = await spiceVm(client, "spice-gone", closedPort());
    const status = await app.request(`http://localhost/api/vms/${uuid}/spice/status`);
    const body = await status.json();
    assertEquals([status.status, body.code], [502, "SPICE_UNREACHABLE"]);
    assert(body.message.startsWith("Cannot reach the VM's display: "), body.message);
    const ticket = await ticketFor(app, uuid);
    assertEquals((await open(app, uuid, `?ticket=${ticket}`)).body.code, "SPICE_UNREACHABLE");
    assertEquals(await open(app, uuid, `?ticket=${ticket}`), { status: 403, body: INVALID_TICKET });
  });
});

Deno.test("spice - one ticket opens one session's channels over real sockets, nothing more", async () => {
  await withTestApp(async ({ app, client, token, tokenFor }) => {
    const spice = fakeSpiceServer();
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      app.fetch,
    );
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const admin = { authorization: `Bearer ${token}` };
    const sockets: WebSocket[] = [];
    /** A WebSocket to the proxy with `ticket`, open, as the admin token. */
    const channel = async (uuid: string, ticket: string) => {
      const ws = new WebSocketWithHeaders(
        `${origin.replace("http", "ws")}/api/vms/${uuid}/spice?ticket=${ticket}`,
        { headers: admin },
      );
      sockets.push(ws);
      const bytes = new WsBytes(ws);
      await within(new Promise((ok) => ws.addEventListener("open", ok)), 10_000, "open");
      return bytes;
    };
    const closed = (ws: WebSocket) =>
      new Promise<CloseEvent>((r) => ws.addEventListener("close", (e) => r(e as CloseEvent)));
    try {
      const uuid = await spiceVm(client, "spice-fake", spice.port);
      assertEquals(
        await (await app.request(`http://localhost/api/vms/${uuid}/spice/status`)).json(),
        { reachable: true },
      );
      assertEquals(spice.links.at(-1), { connectionId: 0, channelType: SPICE_CHANNEL.MAIN });

      const ticket = await ticketFor(app, uuid);
      const main = await channel(uuid, ticket);
      const reply = await spiceLink(main);
      assertEquals([reply.error, reply.pubKey.length], [0, SPICE_PUBKEY_BYTES]);
      // The session's other channels, on the same ticket, as spice-html5 opens them.
      for (const channelType of [SPICE_CHANNEL.DISPLAY, SPICE_CHANNEL.INPUTS]) {
        const ws = await channel(uuid, ticket);
        assertEquals((await spiceLink(ws, { channelType, connectionId: 77 })).error, 0);
      }
      assertEquals(spice.links.slice(-3).map((l) => l.channelType), [1, 2, 3]);

      // Another caller, the ticket used for VNC, or for another VM: refused in words.
      const path = (vm: string, kind = "spice") => `/api/vms/${vm}/${kind}?ticket=${ticket}`;
      const other = { authorization: `Bearer ${tokenFor("admin")}` };
      assertEquals(await rawUpgrade(origin, path(uuid), other), {
        status: 403,
        body: INVALID_TICKET,
      });
      assertEquals(await rawUpgrade(origin, path(uuid, "vnc"), admin), {
        status: 403,
        body: INVALID_TICKET,
      }, "a SPICE session's ticket never opens VNC");
      const web = (await (await app.request("http://localhost/api/vms/web")).json()).id;
      assertEquals(await rawUpgrade(origin, path(web), admin), {
        status: 403,
        body: INVALID_TICKET,
      });

      // A joining socket that tries to start a second session is closed before the display
      // hears of it.
      const links = spice.links.length;
      const second = await channel(uuid, ticket);
      const secondClosed = closed(second.ws);
      second.ws.send(spiceLinkMess({ channelType: SPICE_CHANNEL.MAIN, connectionId: 0 }));
      const why = await within(secondClosed, 10_000, "close of a second main channel");
      assertEquals([why.code, why.reason], [
        1008,
        "This SPICE channel does not join the console's session",
      ]);

      // The main channel closes: the ticket opens nothing more.
      main.ws.close();
      await within(closed(main.ws), 10_000, "main channel closed");
      assertEquals(await rawUpgrade(origin, path(uuid), admin), {
        status: 403,
        body: INVALID_TICKET,
      }, "no channel after the main one closed");
      assertEquals(spice.links.length, links, "the refused ones never reached the display");

      // A fresh ticket whose first socket is not a main channel starts nothing.
      const fresh = await ticketFor(app, uuid);
      const notMain = await channel(uuid, fresh);
      const notMainClosed = closed(notMain.ws);
      notMain.ws.send(spiceLinkMess({ channelType: SPICE_CHANNEL.DISPLAY, connectionId: 77 }));
      const notMainWhy = await within(notMainClosed, 10_000, "close of a non-main first socket");
      assertEquals([notMainWhy.code, notMainWhy.reason], [
        1008,
        "The first channel of a SPICE console must be its main channel",
      ]);
      assertEquals(await rawUpgrade(origin, path(uuid).replace(ticket, fresh), admin), {
        status: 403,
        body: INVALID_TICKET,
      });

      // At most MAX_CHANNELS sockets per ticket.
      const many = await ticketFor(app, uuid);
      await spiceLink(await channel(uuid, many));
      for (let i = 1; i < MAX_CHANNELS; i++) await channel(uuid, many);
      assertEquals(
        (await rawUpgrade(origin, path(uuid).replace(ticket, many), admin)).status,
        403,
        `socket ${MAX_CHANNELS + 1}`,
      );
    } finally {
      for (const ws of sockets) ws.close();
      await server.shutdown();
      await spice.close();
    }
  });
});

Deno.test("spice - the Console tab of a SPICE VM loads the SPICE console, of a VNC VM noVNC", async () => {
  await withTestApp(async ({ app, client }) => {
    const uuid = await spiceVm(client, "spice-page", closedPort());
    const page = async (vm: string) => {
      const res = await app.request(`http://localhost/vms/${vm}/console`);
      assertEquals(res.status, 200);
      return await res.text();
    };
    const spice = await page(uuid);
    assert(spice.includes('data-island="SpiceConsole"'), "the SPICE island");
    assert(spice.includes('id="spice-screen"'), "its screen");
    assert(spice.includes('src="/static/build/vm_spice_console.js"'), "its bundle");
    assert(spice.includes('href="/static/spice.css"'), "its styles");
    assert(!spice.includes("VncConsole") && !spice.includes("/static/build/vm_console.js"));
    // The header's Console button leads here too, not to the serial console.
    assert(/data-island="VmActions" data-props="[^"]*hasVnc&quot;:true/.test(spice), "Console");

    const vnc = await page("web");
    assert(vnc.includes('data-island="VncConsole"') && vnc.includes("/static/build/vm_console.js"));
    assert(!vnc.includes("SpiceConsole") && !vnc.includes("spice.css"));
  });
});

Deno.test("spice - an open console closes when its holder's access is withdrawn, others stay", async () => {
  await withTestApp(async ({ app, ctx, client, token }) => {
    const spice = fakeSpiceServer();
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const sockets: WebSocket[] = [];
    const closed = (ws: WebSocket) =>
      new Promise<CloseEvent>((r) => ws.addEventListener("close", (e) => r(e as CloseEvent)));
    /** An open SPICE socket to `uuid` for the caller `headers` names, and its close. */
    const consoleOf = async (uuid: string, headers: Record<string, string>) => {
      const { origin: _socketOnly, ...asked } = headers;
      const ticket = await ticketFor(app, uuid, asked);
      const ws = new WebSocketWithHeaders(
        `${origin.replace("http", "ws")}/api/vms/${uuid}/spice?ticket=${ticket}`,
        { headers },
      );
      sockets.push(ws);
      const end = closed(ws);
      await within(new Promise((ok) => ws.addEventListener("open", ok)), 10_000, "open");
      return { ws, end };
    };
    try {
      const uuid = await spiceVm(client, "spice-held", spice.port);
      const web = (await (await app.request("http://localhost/api/vms/web")).json()).id;
      const { auth } = ctx;
      // An operator's token and an operator's browser session, each granted this VM, and the admin.
      const made = auth.tokens.create({ name: "op", owner: "root", role: "operator", vms: [uuid] });
      const byToken = await consoleOf(uuid, { authorization: `Bearer ${made.secret}` });
      const session = auth.sessions.create("alice", "operator", [uuid], null);
      // A browser's socket: the cookie, and its page's origin (a cookie alone is refused).
      const cookie = {
        cookie: `kvmm_session=${session.secret}`,
        "x-csrf-token": session.csrf,
        origin,
      };
      const bySession = await consoleOf(uuid, cookie);
      const byAdmin = await consoleOf(uuid, { authorization: `Bearer ${token}` });
      assertEquals(auth.channels.size, 3);

      // The token revoked (as the access page does it): its console closes in words, at once.
      const revoked = await app.request(`http://localhost/api/tokens/${made.token.id}`, {
        method: "DELETE",
      });
      assertEquals(revoked.status, 200);
      const tokenEnd = await within(byToken.end, 10_000, "the revoked token's console closes");
      assertEquals([tokenEnd.code, tokenEnd.reason], [
        4003,
        "Access to this console was withdrawn",
      ]);

      // Alice's grant narrowed to another VM: her open console closes too.
      const narrowed = await app.request("http://localhost/api/users/alice", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ role: "operator", vms: [web] }),
      });
      assertEquals(narrowed.status, 200, await narrowed.text());
      const sessionEnd = await within(bySession.end, 10_000, "the narrowed session's console");
      assertEquals(sessionEnd.code, 4003);

      // The admin's console is untouched by both, and by a check of its own.
      await auth.channels.recheck();
      assertEquals(byAdmin.ws.readyState, WebSocket.OPEN);
      assertEquals(auth.channels.size, 1);
      byAdmin.ws.close();
      await within(byAdmin.end, 10_000, "the admin's console closes");
      for (let i = 0; i < 100 && auth.channels.size > 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assertEquals(auth.channels.size, 0, "a closed console is no longer tracked");
    } finally {
      for (const ws of sockets) ws.close();
      await server.shutdown();
      await spice.close();
    }
  });
});
