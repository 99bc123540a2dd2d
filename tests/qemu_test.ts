// Real-QEMU end-to-end tests: the real server on loopback, driven over HTTP, SSE and the VNC
// WebSocket against tiny TCG guests on qemu:///system. Fails (never skips) without libvirtd.

import type { Server } from "../main.ts";
import { apiCall as call, withRealServer } from "./support/real_server.ts";
import { assert, assertEquals, assertRejects } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import {
  openRfbSocket,
  rfbHandshake,
  sendBytes,
  u16,
  WebSocketWithHeaders,
} from "./support/rfb.ts";
import { VNC_MESSAGE_LIMIT } from "../routes/api/vnc.ts";
import {
  cleanupGuestsNamed,
  defineTestGuest,
  domstate,
  TEST_PREFIX,
  virsh,
  waitForGuestReady,
  within,
} from "./support/guest.ts";

type Guest = Awaited<ReturnType<typeof defineTestGuest>>;
const MiB = 1024 ** 2;

/** Defines a fresh guest, starts the real server for it, and always tears both down. */
/** The real server for `fn` with a test guest defined; that guest removed before and after. */
const withServer = (suffix: string, fn: (s: Server, g: Guest) => Promise<void>) =>
  withRealServer(
    {
      cleanup: () => cleanupGuestsNamed(TEST_PREFIX + suffix),
      prepare: () => defineTestGuest(TEST_PREFIX + suffix),
    },
    fn,
  );

async function action(s: Server, uuid: string, act: string) {
  const res = await call(s, "POST", `/api/vms/${uuid}/${act}`);
  // This guest runs no agent: a stop or reboot is the ACPI button, and the answer says so.
  const body = act === "stop" || act === "reboot" ? { ok: true, method: "acpi" } : { ok: true };
  assertEquals(res, { status: 200, body }, `POST ${act}`);
}

async function apiState(s: Server, uuid: string): Promise<string> {
  const res = await call(s, "GET", `/api/vms/${uuid}`);
  assertEquals(res.status, 200, `GET /api/vms/${uuid}`);
  return res.body.state;
}

/** Asserts the API and virsh agree on a state, right now. */
async function assertState(s: Server, g: Guest, api: string, virshState: string) {
  assertEquals(await apiState(s, g.uuid), api, "API state");
  assertEquals(await domstate(g.name), virshState, "virsh domstate");
}

async function pollApiState(s: Server, uuid: string, want: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while ((last = await apiState(s, uuid)) !== want) {
    if (Date.now() > deadline) throw new Error(`API state "${last}" after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A live GET /api/events stream, parsed into events as they arrive. */
async function openEvents(s: Server) {
  const res = await fetch(`${s.url}/api/events`, { headers: adminHeaders(s) });
  assertEquals(res.status, 200, "GET /api/events");
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: { event: string; data: any; at: number }[] = [];
  let wake = () => {};
  const pump = (async () => {
    let buf = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buf += r.value;
      for (let i; (i = buf.indexOf("\n\n")) >= 0; buf = buf.slice(i + 2)) {
        const frame = buf.slice(0, i);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data) seen.push({ event, data: JSON.parse(data), at: performance.now() });
      }
      wake();
    }
  })().catch(() => {});
  return {
    waitFor(pred: (e: { event: string; data: any }) => boolean, ms: number, what: string) {
      return within(
        (async () => {
          for (;;) {
            const hit = seen.find(pred);
            if (hit) return hit;
            await new Promise<void>((r) => wake = r);
          }
        })(),
        ms,
        what,
      );
    },
    async close() {
      await reader.cancel();
      wake();
      await pump;
    },
  };
}

/** A single-use console ticket for the VM, asked for with the admin token. */
async function consoleTicket(s: Server, uuid: string): Promise<string> {
  const res = await call(s, "POST", `/api/vms/${uuid}/console-ticket`);
  assertEquals(res.status, 200, `console ticket: ${JSON.stringify(res.body)}`);
  return res.body.ticket;
}

/**
 * A real RFB 3.8 handshake plus one full FramebufferUpdateRequest through the proxy, as the
 * admin token (Deno's WebSocket may set headers; a browser sends its session cookie instead).
 */
async function rfbSession(s: Server, wsUrl: string) {
  const rfb = await openRfbSocket(wsUrl, adminHeaders(s));
  const closed = new Promise((r) => rfb.ws.addEventListener("close", r));
  try {
    const { width, height, name } = await rfbHandshake(rfb);
    assert(width > 0 && height > 0, `framebuffer ${width}x${height}`);
    // FramebufferUpdateRequest
    sendBytes(rfb, [3, 0], u16(0), u16(0), u16(width), u16(height));
    const update = await rfb.read(4);
    assertEquals(update.getUint8(0), 0, "FramebufferUpdate message type");
    const rects = update.getUint16(2);
    assert(rects >= 1, "FramebufferUpdate without rectangles");
    return { width, height, name, rects };
  } finally {
    rfb.ws.close();
    await within(closed, 10_000, "WebSocket close");
  }
}

/** A hand-written WebSocket upgrade request as admin, to see the HTTP status a refusal carries. */
async function rawUpgrade(s: Server, path: string, headers: Record<string, string> = {}) {
  const { hostname, port, host } = new URL(s.url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    const extra = Object.entries({ ...adminHeaders(s), ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`).join("");
    await conn.write(new TextEncoder().encode(
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`,
    ));
    let text = "";
    const buf = new Uint8Array(4096);
    for (;;) {
      const end = text.indexOf("\r\n\r\n");
      const length = Number(/^content-length: *(\d+)/im.exec(text)?.[1] ?? 0);
      if (end >= 0 && text.length >= end + 4 + length) {
        const body = text.slice(end + 4, end + 4 + length);
        return { status: Number(text.split(" ")[1]), body: body ? JSON.parse(body) : null };
      }
      const n = await within(conn.read(buf), 10_000, `response to ${path}`);
      if (n === null) throw new Error(`connection closed mid-response: ${text}`);
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
  } finally {
    conn.close();
  }
}

Deno.test("qemu - start, pause, resume, ACPI shutdown, force stop, delete with disks", async () => {
  await withServer("api", async (s, g) => {
    const list = await call(s, "GET", "/api/vms");
    assertEquals(list.status, 200);
    const row = list.body.find((v: { name: string }) => v.name === g.name);
    assertEquals([row?.id, row?.state], [g.uuid, "stopped"], "list row");
    const vm = (await call(s, "GET", `/api/vms/${g.uuid}`)).body;
    const disk = vm.disks.find((d: { path: string }) => d.path === g.diskPath);
    assertEquals([disk?.format, disk?.sizeBytes], ["qcow2", 64 * MiB], "qcow2 disk");
    assert(vm.graphics.some((x: { type: string }) => x.type === "vnc"), "no vnc graphics");

    // Start, with the event stream already open: its first event proves we are subscribed.
    const events = await openEvents(s);
    try {
      await events.waitFor((e) => e.event === "connection-status-changed", 5_000, "status");
      const t0 = performance.now();
      await action(s, g.uuid, "start");
      await assertState(s, g, "running", "running");
      const ev = await events.waitFor(
        (e) => e.event === "vm-state-changed" && e.data.id === g.uuid && e.data.state === "running",
        5_000,
        "vm-state-changed running",
      );
      assertEquals(ev.data.name, g.name);
      console.log(`SSE running event ${Math.round(ev.at - t0)} ms after POST start`);
    } finally {
      await events.close();
    }
    await waitForGuestReady(g.name);
    assertEquals(await call(s, "POST", `/api/vms/${g.uuid}/start`), {
      status: 409,
      body: { code: "INVALID_STATE", message: "VM is already running" },
    });
    assertEquals(await call(s, "DELETE", `/api/vms/${g.uuid}`, { deleteDisks: true }), {
      status: 409,
      body: { code: "INVALID_STATE", message: "Cannot delete running VM. Stop it first." },
    });
    await Deno.stat(g.diskPath); // the refused delete left the disk alone

    await action(s, g.uuid, "pause");
    await assertState(s, g, "paused", "paused");
    await action(s, g.uuid, "resume");
    await assertState(s, g, "running", "running");

    const stats = await call(s, "GET", `/api/vms/${g.uuid}/stats`);
    assertEquals(stats.status, 200);
    const st = stats.body;
    assertEquals([st.vmId, st.memoryAvailableMb], [g.uuid, 192], "stats id and memory");
    assert(st.memoryUsedMb > 0 && st.memoryUsedMb <= 192, `memoryUsedMb ${st.memoryUsedMb}`);
    assert(st.cpuUsagePercent >= 0 && st.cpuUsagePercent <= 100, `cpu ${st.cpuUsagePercent}`);
    assert(st.diskReadBytes > 0, "the booted kernel read its partition table: diskReadBytes");
    assert(Math.abs(st.timestamp - Date.now()) < 10_000, `timestamp ${st.timestamp}`);

    const t1 = performance.now();
    await action(s, g.uuid, "stop"); // ACPI power button
    await pollApiState(s, g.uuid, "stopped", 60_000);
    assertEquals(await domstate(g.name), "shut off");
    console.log(`ACPI stop reached "stopped" in ${Math.round(performance.now() - t1)} ms`);

    await action(s, g.uuid, "start");
    await assertState(s, g, "running", "running");
    await action(s, g.uuid, "force-stop");
    await assertState(s, g, "stopped", "shut off");

    const del = await call(s, "DELETE", `/api/vms/${g.uuid}`, { deleteDisks: true });
    assertEquals(del, {
      status: 200,
      body: { ok: true, uuid: g.uuid, deletedDisks: [g.diskPath], keptDisks: [] },
    });
    await assertRejects(() => Deno.stat(g.diskPath), Deno.errors.NotFound);
    await assertRejects(() => virsh("dominfo", g.name), Error);
    assertEquals(await call(s, "GET", `/api/vms/${g.uuid}`), {
      status: 404,
      body: { code: "VM_NOT_FOUND", message: `VM not found: ${g.uuid}` },
    });
    const after = (await call(s, "GET", "/api/vms")).body as { id: string }[];
    assert(!after.some((v) => v.id === g.uuid), "deleted VM still listed");
  });
});

Deno.test("qemu - VNC console speaks RFB 3.8 through the WebSocket proxy", async () => {
  await withServer("vnc", async (s, g) => {
    const path = `/api/vms/${g.uuid}/vnc`;
    // Each upgrade needs a fresh ticket: it opens this VM's console once.
    const withTicket = async () => `${path}?ticket=${await consoleTicket(s, g.uuid)}`;
    assertEquals(await rawUpgrade(s, await withTicket()), {
      status: 409,
      body: { code: "INVALID_STATE", message: "VM is not running" },
    }, "stopped VM");

    await action(s, g.uuid, "start");
    const invalidTicket = {
      status: 403,
      body: {
        code: "INVALID_TICKET",
        message:
          "The console ticket is missing, expired, used or not for this VM: reopen the console",
      },
    };
    assertEquals(await rawUpgrade(s, path), invalidTicket, "no ticket");
    const wsBase = s.url.replace(/^http/, "ws");
    const t0 = performance.now();
    const used = await withTicket();
    const rfb = await rfbSession(s, wsBase + used);
    console.log(`RFB handshake + first update in ${Math.round(performance.now() - t0)} ms`, rfb);
    assert(rfb.name.includes(g.name), `desktop name "${rfb.name}" lacks ${g.name}`);

    // Nothing in the request picks the target: these are ignored, and it is still the VM.
    // (The size may differ: the guest switches video modes as it boots.) `host=` names a
    // managed libvirt host, never an address: `host=local` is this one.
    const port = new URL(s.url).port;
    const other = await rfbSession(
      s,
      `${wsBase}${await withTicket()}&host=local&hostname=127.0.0.1&port=${port}` +
        `&target=127.0.0.1:22`,
    );
    assertEquals(other.name, rfb.name, "desktop name with ?hostname=&port=");

    assertEquals(await rawUpgrade(s, used), invalidTicket, "a used ticket");

    // A message over the bound never reaches the display: the proxy closes with 1009.
    const huge = new WebSocketWithHeaders(wsBase + await withTicket(), {
      headers: adminHeaders(s),
    });
    const hugeClosed = new Promise<CloseEvent>((r) => huge.addEventListener("close", r));
    await within(
      new Promise((ok) => huge.addEventListener("open", ok)),
      10_000,
      "WebSocket open",
    );
    huge.send(new Uint8Array(VNC_MESSAGE_LIMIT + 1));
    const closedBy = await within(hugeClosed, 10_000, "close after a huge message");
    assertEquals([closedBy.code, closedBy.reason], [1009, "A message may carry at most 1 MiB"]);

    assertEquals(await rawUpgrade(s, await withTicket(), { Origin: "http://evil.example" }), {
      status: 403,
      body: {
        code: "CROSS_ORIGIN",
        message: "Cross-origin request refused from http://evil.example",
      },
    }, "foreign Origin");
    // The same request from the app's own origin upgrades, so it was the Origin that was refused.
    assertEquals((await rawUpgrade(s, await withTicket(), { Origin: s.url })).status, 101);
  });
});
