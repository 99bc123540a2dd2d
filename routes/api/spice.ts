// /api/vms/:id/spice: the WebSocket-to-SPICE proxy, beside VNC's (routes/api/vnc.ts) and as
// strict: it connects only to the VM's own SPICE listener read from its live XML (nothing in the
// request chooses a host or port), for callers allowed on that VM, with a console ticket
// (POST /api/vms/:id/console-ticket) issued to the same caller for the same VM moments before.
// spice-html5 opens one WebSocket per SPICE channel, all with the same URL: one ticket opens one
// session's channels for a few seconds (lib/consoles/spice_sessions.ts says how, and why that is
// no weaker than VNC's single use).

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { connectDisplay } from "../../lib/consoles/display_conn.ts";
import { spiceLinkCheck, spiceTarget } from "../../lib/consoles/spice.ts";
import { parseLinkMess } from "../../lib/consoles/spice_link.ts";
import {
  CHANNEL_WINDOW_MS,
  fitsSession,
  holderOf,
  SpiceSessions,
} from "../../lib/consoles/spice_sessions.ts";
import { closeOnWithdrawal } from "./console_holder.ts";
import {
  asksForWebSocket,
  invalidTicket,
  upgradeOrRelease,
  webSocketOnly,
} from "./console_handshake.ts";
import { pipe } from "./display_pipe.ts";
import { DeclaredApp } from "../declare.ts";
import { t } from "../../shared/i18n/t.ts";
import { VM_ID } from "./vms.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "../middleware/auth.ts";

// A SPICE client sends inputs, acknowledgements and agent data in pieces of at most a few KiB.
export const SPICE_MESSAGE_LIMIT = 1024 * 1024;

const SPICE = { code: "SPICE_UNREACHABLE", serverSpeaksFirst: false } as const;

export function spiceRoutes(ctx: AppContext): DeclaredApp {
  const { vms, auth } = ctx;
  const client = () => ctx.hosts.get(ctx.hostId).client;
  // Kept in memory only, as tickets are.
  const sessions = new SpiceSessions();
  const app = new DeclaredApp({ access: "vm", writesStore: false, params: VM_ID });

  // A browser's WebSocket never sees the JSON error of a refused upgrade: the console asks here
  // why, in the API's words (e.g. NO_SPICE "SPICE not configured for this VM").
  app.GET("/:id/spice/status", "Whether a VM's SPICE display answers now, or why not", {
    responses: { 200: "The display answers a SPICE link" },
    answer: "DisplayReachable",
  }, async (c) => {
    const target = await spiceTarget({ client: client(), id: c.req.param("id") });
    await spiceLinkCheck(await connectDisplay(target, SPICE));
    return c.json({ reachable: true });
  });

  app.GET("/:id/spice", "A VM's display: SPICE over WebSockets, one per channel", {
    audit: "console.spice-open",
    websocket: true,
    query: {
      ticket: z.string().optional().meta({
        description:
          `A console ticket (POST /api/vms/{id}/console-ticket): its first use opens the session's main channel, then its other channels for ${
            CHANNEL_WINDOW_MS / 1000
          } s`,
      }),
    },
    responses: { 101: "Switching to the WebSocket" },
  }, async (c) => {
    // Everything from the request first: once an upgrade is answered, Deno closes the request.
    if (!asksForWebSocket(c)) throw webSocketOnly();
    const ticket = c.req.query("ticket") ?? "";
    const identity = c.get("identity");
    const vm = await vms.getVm(c.req.param("id"));
    const admission = sessions.admit({
      ticket,
      holder: holderOf(identity),
      vm: vm.id,
      redeem: () => auth.redeemTicket(ticket, identity, vm.id),
    });
    if (!admission) throw invalidTicket();
    const end = admission.first ? admission.end : () => {};
    // Resolved before upgrading, so a stopped VM or one without SPICE gets a JSON error.
    let display;
    try {
      display = await connectDisplay(await spiceTarget({ client: client(), id: vm.id }), SPICE);
    } catch (err) {
      end();
      throw err;
    }
    const { socket, response } = await upgradeOrRelease(c, () => {
      display.close();
      end();
    });
    socket.binaryType = "arraybuffer";
    pipe(socket, display, {
      limit: SPICE_MESSAGE_LIMIT,
      // The ticket's first socket starts the session (its main channel); the others join it.
      first: (data) =>
        fitsSession(parseLinkMess(data), admission.first)
          ? null
          : admission.first
          ? t("The first channel of a SPICE console must be its main channel")
          : t("This SPICE channel does not join the console's session"),
      // The session's channels may open only while its main channel is open.
      closed: end,
    });
    closeOnWithdrawal(auth.channels, c, vm.id, socket);
    return response;
  });
  return app;
}
