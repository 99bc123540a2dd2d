// /api/host and /api/connection.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";

export function hostRoutes({ vms }: AppContext): Hono {
  const app = new Hono();
  app.get("/host", async (c) => c.json(await vms.hostInfo()));
  app.get("/connection", (c) => c.json(vms.connection()));
  return app;
}
