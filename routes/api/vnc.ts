// /api/vms/:id/vnc: the WebSocket-to-VNC proxy. It connects only to the VM's own graphics
// listener read from its live XML; nothing in the request chooses a host or port. It opens only
// with a console ticket (POST /api/vms/:id/console-ticket) issued to the same caller for the
// same VM moments before.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { connectDisplay, type DisplayConn } from "../../lib/consoles/display_conn.ts";
import { overLimit } from "./socket_limit.ts";
import { DeclaredApp } from "../declare.ts";
import { t } from "../../shared/i18n/t.ts";
import { VM_ID } from "./vms.ts";

// What a VNC client sends is key, pointer and update requests (a few bytes) and clipboard text.
export const VNC_MESSAGE_LIMIT = 1024 * 1024;

export function vncRoutes({ vms, auth }: AppContext): DeclaredApp {
  // A ticket lives in memory only.
  const app = new DeclaredApp({ access: "vm", writesStore: false, params: VM_ID });
  app.POST(
    "/:id/console-ticket",
    "A one-time ticket to open a VM's VNC or serial console",
    async (c) => {
      const vm = await vms.getVm(c.req.param("id"));
      return c.json(auth.consoleTicket(c.get("identity"), vm.id));
    },
  );
  // A browser's WebSocket never sees the JSON error of a refused upgrade: the console asks here
  // why, in the API's words (e.g. NO_VNC "VNC has no port yet for this VM").
  app.GET("/:id/vnc/status", "Whether a VM's display can be reached now, or why not", {
    responses: { 200: "The display answers" },
  }, async (c) => {
    const target = await vms.vncTarget(c.req.param("id"));
    (await connectDisplay(target)).close();
    return c.json({ reachable: true });
  });
  app.GET("/:id/vnc", "A VM's display: VNC over a WebSocket", {
    audit: "console.open",
    websocket: true,
    query: {
      ticket: z.string().optional().meta({
        description: "A console ticket (POST /api/vms/{id}/console-ticket), used once",
      }),
    },
    responses: { 101: "Switching to the WebSocket" },
  }, async (c) => {
    if (
      c.req.header("upgrade")?.toLowerCase() !== "websocket" || !c.req.header("sec-websocket-key")
    ) {
      throw new AppError("UPGRADE_REQUIRED", t("This endpoint speaks WebSocket only"));
    }
    const vm = await vms.getVm(c.req.param("id"));
    if (!auth.redeemTicket(c.req.query("ticket") ?? "", c.get("identity"), vm.id)) {
      throw new AppError(
        "INVALID_TICKET",
        t("The console ticket is missing, expired, used or not for this VM: reopen the console"),
      );
    }
    // Resolve the target before upgrading, so a stopped VM gets a JSON error, not a dead socket.
    const target = await vms.vncTarget(c.req.param("id"));
    const display = await connectDisplay(target);
    const protocol = c.req.header("sec-websocket-protocol")?.split(",").map((p) => p.trim())
      .find((p) => p === "binary");
    let upgraded;
    try {
      upgraded = Deno.upgradeWebSocket(c.req.raw, protocol ? { protocol } : {});
    } catch (err) {
      display.close(); // never leave a connection to the VM's display behind
      throw new AppError(
        "BAD_REQUEST",
        t("Invalid WebSocket request: {{error}}", { error: (err as Error).message }),
      );
    }
    const { socket, response } = upgraded;
    socket.binaryType = "arraybuffer";
    pipe(socket, display);
    return response;
  });
  return app;
}

/** Copies bytes both ways until either side closes, then closes both. */
function pipe(socket: WebSocket, display: DisplayConn) {
  let closed = false;
  const closeBoth = () => {
    if (closed) return;
    closed = true;
    try {
      display.close();
    } catch { /* already closed */ }
    if (socket.readyState <= WebSocket.OPEN) socket.close();
  };
  const writer = display.writable.getWriter();
  socket.onmessage = (e) => {
    if (overLimit(socket, e.data, VNC_MESSAGE_LIMIT)) return;
    const data = typeof e.data === "string"
      ? new TextEncoder().encode(e.data)
      : new Uint8Array(e.data);
    writer.write(data).catch(closeBoth);
  };
  socket.onclose = closeBoth;
  socket.onerror = closeBoth;
  socket.onopen = async () => {
    try {
      for await (const chunk of display.readable) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(chunk);
      }
    } catch { /* the VM's display went away */ }
    closeBoth();
  };
}
