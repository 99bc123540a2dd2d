// Scheduled operations API (mounted at /api/schedules). Owner: the scheduler work (issue 6).

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";

export function scheduleRoutes(_ctx: AppContext): Hono {
  return new Hono();
}
