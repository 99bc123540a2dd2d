// /api/vms/:id/migrate and /api/vms/:id/migration: moving a VM to another host (issue 9).
// The VM is named on its current host (`?host=`, the source); the body names the destination.

import type { AppContext } from "../../lib/context.ts";
import { DeclaredApp } from "../declare.ts";
import type { MigrationService } from "../../lib/migration/service.ts";
import { MigrationBody, NOT_AN_OBJECT } from "../../lib/migration/input.ts";
import { VM_ID } from "./vms.ts";

/** The routes over one host's migration service. */
export function migrationRoutesFor(migrations: MigrationService): DeclaredApp {
  const app = new DeclaredApp();

  app.api({
    method: "post",
    path: "/:id/migrate",
    summary: "Start moving a VM to another host",
    access: "admin",
    writesStore: false,
    params: VM_ID,
    body: { schema: MigrationBody, malformed: NOT_AN_OBJECT },
    responses: { 202: "The migration, started" },
  }, async (c) => c.json(await migrations.start(c.req.param("id"), c.get("body")), 202));

  app.api(
    {
      method: "get",
      path: "/:id/migration",
      summary: "How a VM's migration is going",
      access: "read",
      params: VM_ID,
    },
    (c) => c.json(migrations.status(c.req.param("id"))),
  );

  app.api(
    {
      method: "delete",
      path: "/:id/migration",
      summary: "Cancel a VM's migration",
      access: "admin",
      audit: "vm.migration-cancel",
      writesStore: false,
      params: VM_ID,
    },
    async (c) => c.json(await migrations.cancel(c.req.param("id"))),
  );

  return app;
}

/** Mounted at /api/vms by routes/app.ts. */
export function migrationRoutes(ctx: AppContext): DeclaredApp {
  return migrationRoutesFor(ctx.migrations);
}
