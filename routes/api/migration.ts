// /api/vms/:id/migrate and /api/vms/:id/migration: moving a VM to another host (issue 9; in
// progress).

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";

export function migrationRoutes(_ctx: AppContext): Hono {
  return new Hono();
}
