// Backup API (mounted at /api): backups, backup settings, restore. Owner: the backups work.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";

export function backupRoutes(_ctx: AppContext): Hono {
  return new Hono();
}
