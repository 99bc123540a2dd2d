// /api/vms/:id/serial: the WebSocket bridge to a VM's serial console (issue 9; in progress).

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";

export function serialRoutes(_ctx: AppContext): Hono {
  return new Hono();
}
