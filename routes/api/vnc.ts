// /api/vms/:id/vnc: the WebSocket-to-VNC proxy (SPICE's, routes/api/spice.ts, is mounted here
// too). It connects only to the VM's own graphics listener read from its live XML; nothing in the
// request chooses a host or port. It opens only with a console ticket
// (POST /api/vms/:id/console-ticket) issued to the same caller for the same VM moments before.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { connectDisplay } from "../../lib/consoles/display_conn.ts";
import { closeOnWithdrawal } from "./console_holder.ts";
import {
  asksForWebSocket,
  invalidTicket,
  upgradeOrRelease,
  webSocketOnly,
} from "./console_handshake.ts";
import { pipe } from "./display_pipe.ts";
import { spiceRoutes } from "./spice.ts";
import { DeclaredApp } from "../declare.ts";
import { VM_ID } from "./vms.ts";

// What a VNC client sends is key, pointer and update requests (a few bytes) and clipboard text.
export const VNC_MESSAGE_LIMIT = 1024 * 1024;

export function vncRoutes(ctx: AppContext): DeclaredApp {
  const { vms, auth } = ctx;
  // A ticket lives in memory only.
  const app = new DeclaredApp({ access: "vm", writesStore: false, params: VM_ID });
  app.POST(
    "/:id/console-ticket",
    "A one-time ticket to open a VM's VNC, SPICE or serial console",
    { answer: "ConsoleTicket" },
    async (c) => {
      const vm = await vms.getVm(c.req.param("id"));
      return c.json(auth.consoleTicket(c.get("identity"), vm.id));
    },
  );
  // A browser's WebSocket never sees the JSON error of a refused upgrade: the console asks here
  // why, in the API's words (e.g. NO_VNC "VNC has no port yet for this VM").
  app.GET("/:id/vnc/status", "Whether a VM's display can be reached now, or why not", {
    responses: { 200: "The display answers" },
    answer: "DisplayReachable",
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
    if (!asksForWebSocket(c)) throw webSocketOnly();
    const vm = await vms.getVm(c.req.param("id"));
    if (!auth.redeemTicket(c.req.query("ticket") ?? "", c.get("identity"), vm.id)) {
      throw invalidTicket();
    }
    // Resolve the target before upgrading, so a stopped VM gets a JSON error, not a dead socket.
    const target = await vms.vncTarget(c.req.param("id"));
    const display = await connectDisplay(target);
    const { socket, response } = await upgradeOrRelease(c, () => display.close());
    socket.binaryType = "arraybuffer";
    pipe(socket, display, { limit: VNC_MESSAGE_LIMIT });
    closeOnWithdrawal(auth.channels, c, vm.id, socket);
    return response;
  });
  // The other graphical console, opened with the same tickets.
  app.route("/", spiceRoutes(ctx));
  return app;
}
