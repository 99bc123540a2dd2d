// /api/vms/:id/migrate and /api/vms/:id/migration: moving a VM to another host (issue 9).
// The VM is named on its current host (`?host=`, the source); the body names the destination.

import { z } from "zod";
import { DeclaredApp, reply } from "../declare.ts";
import type { MigrationService } from "../../lib/migration/service.ts";
import { MigrationBody, notAnObject } from "../../lib/migration/input.ts";
import { badRequest } from "../../lib/errors.ts";
import { VM_ID } from "./vms.ts";

/** The routes over one host's migration service. */
export function migrationRoutesFor(migrations: MigrationService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.POST("/:id/migrate", "Start moving a VM to another host", {
    body: { schema: MigrationBody, malformed: () => badRequest(notAnObject()) },
    responses: { 202: "The migration, started" },
    answer: "MigrationJob",
  }, reply(({ id }, body) => migrations.start(id, body)));

  app.GET("/:id/migration", "How a VM's migration is going", {
    access: "read",
    query: {
      none: z.enum(["null"]).optional().meta({
        description: "none=null: answer 200 null instead of 404 NO_MIGRATION when there was none " +
          "(a VM page asks on every load)",
      }),
    },
    answer: "MigrationStatus",
  }, (c) => {
    const id = c.req.param("id");
    return c.json(c.req.query("none") === "null" ? migrations.latest(id) : migrations.status(id));
  });

  app.DELETE("/:id/migration", "Cancel a VM's migration", {
    audit: "vm.migration-cancel",
    answer: "MigrationJob",
  }, reply(({ id }) => migrations.cancel(id)));

  return app;
}
