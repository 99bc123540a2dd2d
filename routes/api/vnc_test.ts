import { assert, assertEquals } from "../../tests/support/assert.ts";
import { ConsoleTickets, TICKET_TTL_MS } from "../../lib/auth/tickets.ts";
import type { Hono } from "hono";
import { withTestApp } from "../../tests/harness/test_app.ts";

const upgrade = {
  upgrade: "websocket",
  connection: "Upgrade",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  "sec-websocket-version": "13",
};

/** A console ticket for `vm`, asked for with the app's admin token (as the console page does). */
async function ticketFor(app: Hono, vm: string): Promise<string> {
  const res = await app.request(`http://localhost/api/vms/${vm}/console-ticket`, {
    method: "POST",
  });
  const body = await res.json();
  assertEquals(res.status, 200, JSON.stringify(body));
  return body.ticket;
}

/** The status and message of a WebSocket upgrade of `vm`'s console with `ticket`. */
async function open(app: Hono, vm: string, ticket: string | null, query = "") {
  const params = ticket === null ? query : `ticket=${encodeURIComponent(ticket)}${query}`;
  const res = await app.request(`http://localhost/api/vms/${vm}/vnc?${params}`, {
    headers: upgrade,
  });
  return { status: res.status, message: (await res.json()).message as string };
}

const INVALID_TICKET =
  "The console ticket is missing, expired, used or not for this VM: reopen the console";

Deno.test("vnc - refuses plain HTTP, unknown VMs, stopped VMs and VMs without VNC", async () => {
  await withTestApp(async ({ app }) => {
    const cases: [string, Record<string, string>, number, string][] = [
      ["/api/vms/web/vnc", {}, 426, "This endpoint speaks WebSocket only"],
      ["/api/vms/web/vnc", { upgrade: "websocket" }, 426, "This endpoint speaks WebSocket only"],
      ["/api/vms/nope/vnc", upgrade, 404, "VM not found: nope"],
    ];
    for (const [path, headers, status, message] of cases) {
      const res = await app.request(`http://localhost${path}`, { headers });
      const body = await res.json();
      assertEquals(res.status, status, path);
      assertEquals(body.message, message, path);
    }
    // Past the ticket check, the VM itself decides.
    assertEquals(await open(app, "db", await ticketFor(app, "db")), {
      status: 409,
      message: "VM is not running",
    });
    assertEquals(await open(app, "cache", await ticketFor(app, "cache")), {
      status: 409,
      message: "VNC not configured for this VM",
    });
  });
});

Deno.test("vnc - a host or port in the request is ignored", async () => {
  await withTestApp(async ({ app }) => {
    // "db" is stopped: were the query used as a target, this would try to connect instead.
    const ticket = await ticketFor(app, "db");
    assertEquals(await open(app, "db", ticket, "&hostname=127.0.0.1&port=22"), {
      status: 409,
      message: "VM is not running",
    });
    // `host` names a managed libvirt host (lib/hosts/), never an address to connect to.
    assertEquals(await open(app, "db", ticket, "&host=127.0.0.1&port=22"), {
      status: 404,
      message: "Host not found: 127.0.0.1",
    });
  });
});

Deno.test("vnc - opens only with a live ticket of this caller for this VM, once", async () => {
  await withTestApp(async ({ app, tokenFor }) => {
    const refused = { status: 403, message: INVALID_TICKET };
    assertEquals(await open(app, "db", null), refused, "no ticket");
    assertEquals(await open(app, "db", "made-up"), refused, "an unknown ticket");
    // "db" is stopped, so a ticket that passes is answered 409 rather than opening a socket.
    assertEquals(await open(app, "db", await ticketFor(app, "web")), refused, "VM A's for VM B");

    const once = await ticketFor(app, "db");
    assertEquals((await open(app, "db", once)).status, 409, "first use passes the ticket check");
    assertEquals(await open(app, "db", once), refused, "a used ticket");

    // Another caller (another token, even an admin's) cannot use this caller's ticket.
    const mine = await ticketFor(app, "db");
    const res = await app.request(`http://localhost/api/vms/db/vnc?ticket=${mine}`, {
      headers: { ...upgrade, authorization: `Bearer ${tokenFor("admin")}` },
    });
    assertEquals(res.status, 403);
    assertEquals((await res.json()).message, INVALID_TICKET);
  });
});

Deno.test("vnc - a ticket expires after its lifetime", () => {
  let now = 1_000_000;
  const tickets = new ConsoleTickets(() => now);
  const { ticket, expiresAt } = tickets.issue("root", "vm-a");
  assertEquals(expiresAt, new Date(now + TICKET_TTL_MS).toISOString());
  now += TICKET_TTL_MS;
  assert(!tickets.redeem(ticket, "root", "vm-a"), "an expired ticket fails");

  const live = tickets.issue("root", "vm-a").ticket;
  now += TICKET_TTL_MS - 1;
  assert(!tickets.redeem(live, "someone", "vm-a"), "another user's");
  const fresh = tickets.issue("root", "vm-a").ticket;
  assert(tickets.redeem(fresh, "root", "vm-a"), "a live ticket of this user for this VM");
});
