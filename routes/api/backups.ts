// Backup API (mounted at /api): backups, backup settings, restore. Owner: the backups work.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { jsonBody, optionalJsonBody } from "../body.ts";

export function backupRoutes({ backups }: AppContext): Hono {
  const app = new Hono();

  app.post(
    "/vms/:id/backups",
    async (c) =>
      c.json(
        await backups.start(c.req.param("id"), await optionalJsonBody(c.req.raw, undefined)),
        202,
      ),
  );

  // Before /backups/:id, which would otherwise take "settings" for an id.
  app.get("/backups/settings", async (c) => c.json(await backups.settingsView()));
  app.put(
    "/backups/settings",
    async (c) => c.json(await backups.updateSettings(await jsonBody(c.req.raw))),
  );

  app.get("/backups", (c) => c.json(backups.list(c.req.query("vm") || undefined)));
  app.get("/backups/:id", (c) => c.json(backups.get(c.req.param("id"))));
  app.delete("/backups/:id", async (c) => {
    await backups.delete(c.req.param("id"));
    return c.body(null, 204);
  });
  app.post(
    "/backups/:id/restore",
    async (c) => c.json(await backups.restore(c.req.param("id"), await jsonBody(c.req.raw)), 201),
  );
  app.post("/backups/:id/cancel", async (c) => c.json(await backups.cancel(c.req.param("id"))));

  return app;
}
