// Real-QEMU tests of the serial console: the real server on loopback, a real WebSocket, and a
// TCG test guest whose serial port runs a root shell (tests/support/guest.ts). Fails (never skips)
// without libvirtd. Only this file's guests (kvmm-test-ser-q-*) are touched.

import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { isTakeOver } from "../ffi/libvirt/console.ts";
import type { Server } from "../main.ts";
import { startRealServer } from "./support/real_server.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { SERIAL_MESSAGE_LIMIT } from "../routes/api/serial.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  domstate,
  waitForGuestReady,
  within,
} from "./support/guest.ts";

// This file's guests; tests/serial_browser_test.ts uses kvmm-test-ser-b-.
const PREFIX = "kvmm-test-ser-q-";
const BUSY = {
  status: 409,
  body: {
    code: "CONSOLE_BUSY",
    message: "Another client holds this VM's serial console; open it with force to take it over",
  },
};

const cleanupSerialGuests = () => cleanupGuestsNamed(PREFIX);

type Guest = Awaited<ReturnType<typeof defineTestGuest>>;

/** A fresh guest of this file and the real server on qemu:///system; both always torn down. */
async function withSerialServer(suffix: string, fn: (s: Server, g: Guest) => Promise<void>) {
  await assertLibvirtReachable();
  await cleanupSerialGuests();
  const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
  let server: Server | undefined;
  try {
    const guest = await defineTestGuest(`${PREFIX}${suffix}-${Deno.pid}`);
    server = await startRealServer(dataDir);
    await fn(server, guest);
  } finally {
    await server?.close();
    await cleanupSerialGuests();
    await Deno.remove(dataDir, { recursive: true });
  }
}

async function call(s: Server, method: string, path: string) {
  const res = await fetch(s.url + path, { method, headers: adminHeaders(s) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function ticket(s: Server, uuid: string): Promise<string> {
  const res = await call(s, "POST", `/api/vms/${uuid}/console-ticket`);
  assertEquals(res.status, 200, `console ticket: ${JSON.stringify(res.body)}`);
  return res.body.ticket;
}

// Deno's WebSocket takes handshake headers (non-standard); the "dom" lib hides that overload.
const WebSocketWithHeaders = WebSocket as unknown as new (
  url: string,
  options: { headers: HeadersInit },
) => WebSocket;

/** A serial console WebSocket with everything it received as text, and how it closed. */
class Console {
  text = "";
  binaryFrames = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  #wake = () => {};
  private constructor(readonly ws: WebSocket) {
    ws.binaryType = "arraybuffer";
    const dec = new TextDecoder();
    ws.addEventListener("message", (e) => {
      if (e.data instanceof ArrayBuffer) this.binaryFrames++;
      this.text += typeof e.data === "string" ? e.data : dec.decode(e.data, { stream: true });
      this.#wake();
    });
    this.closed = new Promise((resolve) =>
      ws.addEventListener("close", (e) => {
        resolve({ code: e.code, reason: e.reason });
        this.#wake();
      })
    );
  }

  static async open(s: Server, uuid: string, query = ""): Promise<Console> {
    const url = `${s.url.replace(/^http/, "ws")}/api/vms/${uuid}/serial?ticket=${await ticket(
      s,
      uuid,
    )}${query}`;
    const c = new Console(new WebSocketWithHeaders(url, { headers: adminHeaders(s) }));
    await within(
      new Promise((ok, fail) => {
        c.ws.addEventListener("open", ok);
        c.ws.addEventListener("error", () => fail(new Error(`WebSocket ${url} failed`)));
      }),
      10_000,
      "WebSocket open",
    );
    return c;
  }

  type(text: string) {
    this.ws.send(new TextEncoder().encode(text));
  }

  /** Waits until `needle` appears in what arrived after `from` (a text offset). */
  async waitFor(needle: string, from = 0, ms = 20_000): Promise<void> {
    await within(
      (async () => {
        while (!this.text.slice(from).includes(needle)) {
          if (this.ws.readyState === WebSocket.CLOSED) throw new Error("socket closed");
          await new Promise<void>((r) => this.#wake = r);
        }
      })(),
      ms,
      `"${needle}" on the serial console; got: ${JSON.stringify(this.text.slice(-300))}`,
    );
  }

  /**
   * Runs the shell command that prints hello-42. The quotes keep the echoed command line from
   * matching: only the shell's own output has "hello-42".
   */
  async proveShell(): Promise<void> {
    const from = this.text.length;
    this.type('echo hel""lo-$((6*7))\r');
    await this.waitFor("hello-42", from);
  }

  async close(): Promise<void> {
    this.ws.close();
    await within(this.closed, 10_000, "WebSocket close");
  }
}

/** A hand-written WebSocket upgrade as admin: the status and JSON body of a refusal. */
async function rawUpgrade(s: Server, path: string) {
  const { hostname, port, host } = new URL(s.url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    const auth = adminHeaders(s).authorization;
    await conn.write(new TextEncoder().encode(
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
        `Authorization: ${auth}\r\n\r\n`,
    ));
    let text = "";
    const buf = new Uint8Array(4096);
    for (;;) {
      const end = text.indexOf("\r\n\r\n");
      const length = Number(/^content-length: *(\d+)/im.exec(text)?.[1] ?? 0);
      const status = Number(text.split(" ")[1]);
      if (end >= 0 && (status === 101 || text.length >= end + 4 + length)) {
        const body = text.slice(end + 4, end + 4 + length);
        return { status, body: body ? JSON.parse(body) : null };
      }
      const n = await within(conn.read(buf), 10_000, `response to ${path}`);
      if (n === null) throw new Error(`connection closed mid-response: ${text}`);
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
  } finally {
    conn.close();
  }
}

Deno.test("qemu serial - shell round trip, busy, take-over, release, and the VM stopping", async () => {
  await withSerialServer("main", async (s, g) => {
    const path = (query = "") => `/api/vms/${g.uuid}/serial${query}`;
    assertEquals(await rawUpgrade(s, path(`?ticket=${await ticket(s, g.uuid)}`)), {
      status: 409,
      body: { code: "VM_NOT_RUNNING", message: "VM is not running" },
    }, "a stopped VM");
    assertEquals(await rawUpgrade(s, path()), {
      status: 403,
      body: {
        code: "INVALID_TICKET",
        message:
          "The console ticket is missing, expired, used or not for this VM: reopen the console",
      },
    }, "no ticket");

    assertEquals((await call(s, "POST", `/api/vms/${g.uuid}/start`)).status, 200);
    await waitForGuestReady(g.name);

    const first = await Console.open(s, g.uuid);
    // busybox's line editor first asks the terminal where its cursor is: a blank line and a
    // moment let it give up before the real command.
    first.type("\r");
    await first.waitFor("# ");
    const t0 = performance.now();
    await first.proveShell();
    console.log(`serial round trip ${Math.round(performance.now() - t0)} ms`);
    assert(first.binaryFrames > 0, "output arrives in binary frames");

    // Text frames: a resize is ignored, plain text is typed.
    first.ws.send(JSON.stringify({ type: "resize", cols: 120, rows: 40 }));
    const from = first.text.length;
    first.ws.send('echo te""xt-$((2+3))\r');
    await first.waitFor("text-5", from);

    // The HTTP side stays free while a console is open.
    assertEquals((await call(s, "GET", `/api/vms/${g.uuid}`)).body.state, "running");

    assertEquals(await rawUpgrade(s, path(`?ticket=${await ticket(s, g.uuid)}`)), BUSY, "busy");
    // What the page asks after a refused handshake: the same words over plain HTTP.
    assertEquals(await call(s, "GET", path(`?probe=1&ticket=${await ticket(s, g.uuid)}`)), BUSY);
    assertEquals(first.ws.readyState, WebSocket.OPEN, "a refused second client leaves it open");

    const second = await Console.open(s, g.uuid, "&force=1");
    assertEquals(await within(first.closed, 10_000, "first console closing"), {
      code: 4001,
      reason: "Another client took over the console",
    });
    second.type("\r");
    await second.proveShell();

    // Closing the socket releases the console: a new client opens it without force.
    await second.close();
    let third: Console | null = null;
    for (let i = 0; i < 50 && !third; i++) {
      third = await Console.open(s, g.uuid).catch(() => null);
      if (!third) await new Promise((r) => setTimeout(r, 100));
    }
    assert(third, "the console was released when its socket closed");
    await third.close();
    // A probe of a free console opens it for a moment and lets go.
    assertEquals(await call(s, "GET", path(`?probe=1&ticket=${await ticket(s, g.uuid)}`)), {
      status: 200,
      body: { ok: true },
    });
    third = await Console.open(s, g.uuid);
    third.type("\r");
    await third.proveShell();

    // A message over the bound is never typed: the socket closes with 1009 and lets go.
    third.ws.send(new Uint8Array(SERIAL_MESSAGE_LIMIT + 1).fill(0x61));
    assertEquals(await within(third.closed, 10_000, "console closing on a huge message"), {
      code: 1009,
      reason: "A message may carry at most 64 KiB",
    });
    let fourth: Console | null = null;
    for (let i = 0; i < 50 && !fourth; i++) {
      fourth = await Console.open(s, g.uuid).catch(() => null);
      if (!fourth) await new Promise((r) => setTimeout(r, 100));
    }
    assert(fourth, "the console was released after the 1009 close");
    fourth.type("\r");
    await fourth.proveShell();

    // The VM stopping ends the stream: a clean close, not an error.
    assertEquals((await call(s, "POST", `/api/vms/${g.uuid}/force-stop`)).status, 200);
    assertEquals(await within(fourth.closed, 10_000, "console closing with the VM"), {
      code: 1000,
      reason: "console closed",
    });
    assertEquals(await domstate(g.name), "shut off");
  });
});

Deno.test("qemu serial - take-overs between the app and another libvirt client", async () => {
  await withSerialServer("other", async (s, g) => {
    assertEquals((await call(s, "POST", `/api/vms/${g.uuid}/start`)).status, 200);
    await waitForGuestReady(g.name);
    // Another program on its own connection, as virsh console would be.
    const other = new LibvirtClient({ uri: "qemu:///system" });
    try {
      assert(await other.connect(), "second client connects");
      const held = await other.openConsole(g.uuid);
      const path = `/api/vms/${g.uuid}/serial?ticket=`;
      assertEquals(await rawUpgrade(s, path + await ticket(s, g.uuid)), BUSY, "held elsewhere");

      const ours = await Console.open(s, g.uuid, "&force=1");
      const lost = await within(held.ended, 10_000, "the other client's stream ending");
      assert(isTakeOver(lost), `the other client sees a take-over: ${JSON.stringify(lost)}`);
      ours.type("\r");
      await ours.proveShell();

      // And back: a take-over by a client the app does not know still reads as one.
      const again = await other.openConsole(g.uuid, { force: true });
      assertEquals(await within(ours.closed, 10_000, "our console closing"), {
        code: 4001,
        reason: "Another client took over the console",
      });
      await again.close();
    } finally {
      await other.close();
    }
  });
});
