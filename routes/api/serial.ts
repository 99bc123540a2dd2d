// /api/vms/:id/serial: the WebSocket bridge to a VM's serial console. It opens only with a
// console ticket (POST /api/vms/:id/console-ticket, the same as VNC's), and every refusal comes
// before the upgrade, as JSON. Afterwards binary frames carry the console's raw bytes both
// ways; the server closes with 1000 when the console closes (the VM stopped), 4001 when
// another client took it over, 1011 when it failed. `?probe=1` without an upgrade runs the
// same checks (and a trial open) and answers {ok: true} or the refusal.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { SerialConsoles, type SerialEnd, type SerialSession } from "../../lib/consoles/serial.ts";
import { overLimit } from "./socket_limit.ts";
import { closeOnWithdrawal } from "./console_holder.ts";
import {
  asksForWebSocket,
  invalidTicket,
  upgradeOrRelease,
  webSocketOnly,
} from "./console_handshake.ts";
import { DeclaredApp } from "../declare.ts";
import { t } from "../../shared/i18n/t.ts";
import { VM_ID } from "./vms.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "../middleware/auth.ts";

/** WebSocket close codes of the serial console (RFC 6455 7.4; 4000-4999 are ours). */
export const CLOSE = { NORMAL: 1000, TAKEN_OVER: 4001, ERROR: 1011 } as const;

// Typing and pasting: a paste larger than this is closed with 1009 rather than held.
export const SERIAL_MESSAGE_LIMIT = 64 * 1024;

// A close frame's reason must fit in 123 bytes of UTF-8.
const MAX_REASON_BYTES = 123;
// How long an accepted upgrade may take to open before the console is let go.
const OPEN_TIMEOUT_MS = 15_000;

export function serialRoutes(ctx: AppContext): DeclaredApp {
  const { vms, auth } = ctx;
  const consoles = new SerialConsoles({ client: () => ctx.hosts.get(ctx.hostId).client });
  const app = new DeclaredApp();
  app.GET("/:id/serial", "A VM's serial console over a WebSocket (or ?probe=1: would it open?)", {
    access: "vm",
    audit: "console.serial-open",
    websocket: true,
    params: VM_ID,
    query: {
      ticket: z.string().optional().meta({
        description: "A console ticket (POST /api/vms/{id}/console-ticket), used once",
      }),
      force: z.string().optional().meta({
        description: "1 or true: take the console over from the client that holds it",
      }),
      probe: z.string().optional().meta({
        description: "1, without an upgrade: run the same checks and answer {ok: true} or why not",
      }),
    },
    responses: { 101: "Switching to the WebSocket", 200: "The probe's {ok: true}" },
    answer: "Ok",
  }, async (c) => {
    // Everything from the request first: once an upgrade is answered, Deno closes the request.
    const upgrade = asksForWebSocket(c);
    const id = c.req.param("id");
    const ticket = c.req.query("ticket") ?? "";
    const force = ["1", "true"].includes(c.req.query("force") ?? "");
    // A browser never sees why a WebSocket handshake was refused: after a failed one, the page
    // asks again with ?probe=1 as plain HTTP and gets the refusal in words (see below).
    const probe = !upgrade && c.req.query("probe") === "1";
    const identity = c.get("identity");
    if (!upgrade && !probe) throw webSocketOnly();
    const vm = await vms.getVm(id);
    if (!auth.redeemTicket(ticket, identity, vm.id)) throw invalidTicket();
    // Opened before upgrading, so a stopped VM or a busy console gets a JSON error.
    const session = await consoles.open(vm.id, { force: force && !probe });
    if (probe) {
      // It would have opened: let go at once (a probe never takes a console over).
      await session.close();
      return c.json({ ok: true });
    }
    // A refused upgrade never leaves the console held.
    const upgraded = await upgradeOrRelease(c, () => session.close());
    bridge(upgraded.socket, session);
    closeOnWithdrawal(auth.channels, c, vm.id, upgraded.socket);
    return upgraded.response;
  });
  return app;
}

/** Copies the console's output to the socket and the socket's input to the console. */
function bridge(socket: WebSocket, session: SerialSession) {
  socket.binaryType = "arraybuffer";
  // A client gone before the handshake finished must not keep the console held.
  const unopened = setTimeout(() => {
    if (socket.readyState === WebSocket.OPEN) return;
    session.close();
    socket.close();
  }, OPEN_TIMEOUT_MS);
  socket.onmessage = (e) => {
    if (overLimit(socket, e.data, SERIAL_MESSAGE_LIMIT)) return;
    const bytes = inputOf(e.data);
    if (bytes) session.write(bytes);
  };
  socket.onclose = () => {
    clearTimeout(unopened);
    session.close();
  };
  socket.onerror = () => session.close();
  socket.onopen = async () => {
    clearTimeout(unopened);
    try {
      // Until the session ends: its last output goes out before the close frame.
      for await (const chunk of session.output) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(chunk);
      }
    } catch { /* the session closed under us */ }
    const frame = closeFrame(await session.ended);
    if (socket.readyState === WebSocket.OPEN) socket.close(frame.code, frame.reason);
  };
}

/**
 * The bytes a client frame types into the console: a binary frame's bytes, a text frame's
 * UTF-8. A text frame holding a JSON object with a string `type` is a control message, not
 * typing: `{"type":"resize","cols":80,"rows":24}` is accepted and ignored (a serial line has
 * no window size), as are types this server does not know.
 */
export function inputOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return data.byteLength ? new Uint8Array(data) : null;
  if (ArrayBuffer.isView(data)) {
    return data.byteLength ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  }
  if (typeof data !== "string" || data === "") return null;
  if (data.trimStart().startsWith("{")) {
    try {
      const msg = JSON.parse(data);
      if (typeof msg?.type === "string") return null;
    } catch { /* not JSON: typed text */ }
  }
  return new TextEncoder().encode(data);
}

/** The close frame that tells the client how the session ended. */
export function closeFrame(end: SerialEnd): { code: number; reason: string } {
  switch (end.kind) {
    case "taken-over":
      return { code: CLOSE.TAKEN_OVER, reason: end.message };
    case "error":
      return { code: CLOSE.ERROR, reason: fitReason(end.message) };
    default:
      return { code: CLOSE.NORMAL, reason: t("console closed") };
  }
}

/** `text` cut to a close frame's 123 bytes, on a character boundary. */
function fitReason(text: string): string {
  const enc = new TextEncoder();
  if (enc.encode(text).length <= MAX_REASON_BYTES) return text;
  let out = "";
  for (const ch of text) {
    if (enc.encode(out + ch + "…").length > MAX_REASON_BYTES) break;
    out += ch;
  }
  return out + "…";
}
