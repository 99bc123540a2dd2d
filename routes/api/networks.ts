// /api/networks: virtual networks, their DHCP ranges, static hosts, leases and port forwards.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { jsonBody } from "../body.ts";

export function networkRoutes({ networks }: AppContext): Hono {
  const app = new Hono();

  app.get("/", async (c) => c.json(await networks.list()));
  app.post("/", async (c) => c.json(await networks.create(await jsonBody(c.req.raw)), 201));
  app.get("/:net", async (c) => c.json(await networks.get(c.req.param("net"))));
  app.patch(
    "/:net",
    async (c) => c.json(await networks.update(c.req.param("net"), await jsonBody(c.req.raw))),
  );
  app.delete("/:net", async (c) => {
    await networks.delete(c.req.param("net"));
    return c.body(null, 204);
  });
  app.put(
    "/:net/dhcp",
    async (c) => c.json(await networks.setDhcp(c.req.param("net"), await jsonBody(c.req.raw))),
  );
  app.post(
    "/:net/hosts",
    async (c) => c.json(await networks.addHost(c.req.param("net"), await jsonBody(c.req.raw)), 201),
  );
  app.delete(
    "/:net/hosts/:mac",
    async (c) => c.json(await networks.removeHost(c.req.param("net"), c.req.param("mac"))),
  );
  app.get("/:net/leases", async (c) => c.json(await networks.leases(c.req.param("net"))));
  app.get("/:net/forwards", async (c) => c.json(await networks.forwards(c.req.param("net"))));
  app.post(
    "/:net/forwards",
    async (c) =>
      c.json(await networks.addForward(c.req.param("net"), await jsonBody(c.req.raw)), 201),
  );
  app.delete("/:net/forwards/:id", async (c) => {
    await networks.removeForward(c.req.param("net"), c.req.param("id"));
    return c.body(null, 204);
  });
  app.post(
    "/:net/:action",
    async (c) => c.json(await networks.action(c.req.param("net"), c.req.param("action"))),
  );

  return app;
}
