// Snapshot API of one VM (mounted at /api/vms): list as a tree, create, revert and delete.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { badRequest } from "../../lib/errors.ts";
import { optionalJsonBody } from "../body.ts";

/** `?children=true|false` (absent: false); anything else is a 400. */
function childrenFlag(value: string | undefined): boolean {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  throw badRequest(`children must be true or false, not ${JSON.stringify(value)}`);
}

export function snapshotRoutes({ snapshots }: AppContext): Hono {
  const app = new Hono();

  app.get("/:id/snapshots", async (c) => c.json(await snapshots.list(c.req.param("id"))));

  app.post("/:id/snapshots", async (c) => {
    // An empty body means "all defaults" (a generated name, memory when running).
    const input = await optionalJsonBody(c.req.raw, {});
    return c.json(await snapshots.create(c.req.param("id"), input), 201);
  });

  app.post(
    "/:id/snapshots/:name/revert",
    async (c) => c.json(await snapshots.revert(c.req.param("id"), c.req.param("name"))),
  );

  app.delete("/:id/snapshots/:name", async (c) => {
    const children = childrenFlag(c.req.query("children"));
    return c.json(await snapshots.delete(c.req.param("id"), c.req.param("name"), { children }));
  });

  return app;
}
