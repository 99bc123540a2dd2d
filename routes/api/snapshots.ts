// Snapshot API of one VM (mounted at /api/vms). Owner: the snapshots work (issue 6).

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";

export function snapshotRoutes(_ctx: AppContext): Hono {
  return new Hono();
}
