// /api/host and /api/connection.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";

export function hostRoutes({ kvm }: AppContext): Hono {
  const app = new Hono();
  app.get("/host", async (c) => c.json(await kvm.hostInfo()));
  app.get("/connection", (c) => c.json(kvm.connection()));
  return app;
}
