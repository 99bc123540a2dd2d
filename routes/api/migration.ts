// /api/vms/:id/migrate and /api/vms/:id/migration: moving a VM to another host (issue 9).
// The VM is named on its current host (`?host=`, the source); the body names the destination.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { jsonBody } from "../body.ts";
import type { MigrationService } from "../../lib/migration/service.ts";

/** The routes over one host's migration service. */
export function migrationRoutesFor(migrations: MigrationService): Hono {
  const app = new Hono();

  app.post("/:id/migrate", async (c) => {
    const input = await jsonBody(
      c.req.raw,
      'Body must be a JSON object like {"to": "host-id", "live": true}',
    );
    return c.json(await migrations.start(c.req.param("id"), input), 202);
  });

  app.get("/:id/migration", (c) => c.json(migrations.status(c.req.param("id"))));

  app.delete("/:id/migration", async (c) => c.json(await migrations.cancel(c.req.param("id"))));

  return app;
}

/** Mounted at /api/vms by routes/app.ts. */
export function migrationRoutes(ctx: AppContext): Hono {
  return migrationRoutesFor(ctx.migrations);
}
