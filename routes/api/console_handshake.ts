// The WebSocket handshake of the console routes (VNC and SPICE, routes/api/vnc.ts and spice.ts;
// the serial console, serial.ts), in one place so the three refuse in the same words: a browser's
// WebSocket never sees why a handshake was refused, so every refusal comes before the upgrade, as
// JSON the console can ask for again; and a failed upgrade lets go of what was opened for it.

import type { Context } from "hono";
import { AppError } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** Whether the request is a WebSocket handshake: an `Upgrade: websocket` with its key. */
export function asksForWebSocket(c: Context): boolean {
  return c.req.header("upgrade")?.toLowerCase() === "websocket" &&
    !!c.req.header("sec-websocket-key");
}

/** 426 UPGRADE_REQUIRED: a console is reached over a WebSocket only. */
export function webSocketOnly(): AppError {
  return new AppError("UPGRADE_REQUIRED", t("This endpoint speaks WebSocket only"));
}

/** 403 INVALID_TICKET: the console ticket (POST /api/vms/:id/console-ticket) did not admit this. */
export function invalidTicket(): AppError {
  return new AppError(
    "INVALID_TICKET",
    t("The console ticket is missing, expired, used or not for this VM: reopen the console"),
  );
}

/**
 * Answers the handshake, with the `binary` subprotocol when the client offers it (the consoles'
 * clients do, and expect it chosen back). When Deno refuses the request as a handshake, `release`
 * lets go of the display or console opened for it first (never one left behind), and the answer
 * is 400 BAD_REQUEST.
 */
export async function upgradeOrRelease(
  c: Context,
  release: () => unknown,
): Promise<Deno.WebSocketUpgrade> {
  const protocol = c.req.header("sec-websocket-protocol")?.split(",").map((p) => p.trim())
    .find((p) => p === "binary");
  try {
    return Deno.upgradeWebSocket(c.req.raw, protocol ? { protocol } : {});
  } catch (err) {
    await release();
    throw new AppError(
      "BAD_REQUEST",
      t("Invalid WebSocket request: {{error}}", { error: (err as Error).message }),
    );
  }
}
