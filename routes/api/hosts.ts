// /api/hosts: the libvirt hosts this server manages, and adding or removing remote ones.

import { Hono } from "hono";
import type { HostRegistry } from "../../lib/hosts/registry.ts";
import { jsonBody } from "../body.ts";

export function hostListRoutes(hosts: HostRegistry): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json(hosts.list()));
  app.post("/", async (c) => c.json(hosts.add(await jsonBody(c.req.raw)), 201));
  app.get("/:id", (c) => c.json(hosts.status(c.req.param("id"))));
  app.delete("/:id", async (c) => {
    await hosts.remove(c.req.param("id"));
    return c.body(null, 204);
  });
  return app;
}
