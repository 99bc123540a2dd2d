// /api/vms configuration routes: edit, devices, raw XML (export, editor, import) and clone.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { jsonBody } from "../body.ts";

/** Reads `field` of a JSON object body. */
async function bodyField(req: Request, field: string): Promise<unknown> {
  const body = await jsonBody(req);
  return typeof body === "object" && body !== null
    ? (body as Record<string, unknown>)[field]
    : undefined;
}

export function vmConfigRoutes({ vms }: AppContext): Hono {
  const app = new Hono();

  app.post(
    "/import",
    async (c) => c.json(await vms.importVm(await bodyField(c.req.raw, "xml")), 201),
  );

  app.patch(
    "/:id",
    async (c) => c.json(await vms.editVm(c.req.param("id"), await jsonBody(c.req.raw))),
  );

  app.get("/:id/xml", async (c) => {
    const xml = await vms.vmXml(c.req.param("id"));
    if (c.req.query("download") !== undefined) {
      const name = c.req.param("id").replace(/[^A-Za-z0-9_.-]/g, "_");
      c.header("content-disposition", `attachment; filename="${name}.xml"`);
    }
    return c.body(xml, 200, { "content-type": "application/xml; charset=utf-8" });
  });

  app.put(
    "/:id/xml",
    async (c) =>
      c.json(await vms.replaceVmXml(c.req.param("id"), await bodyField(c.req.raw, "xml"))),
  );

  app.post(
    "/:id/clone",
    async (c) =>
      c.json(await vms.cloneVm(c.req.param("id"), await bodyField(c.req.raw, "name")), 201),
  );

  app.post(
    "/:id/disks",
    async (c) => c.json(await vms.attachDisk(c.req.param("id"), await jsonBody(c.req.raw)), 201),
  );

  app.delete(
    "/:id/disks/:target",
    async (c) => c.json(await vms.detachDisk(c.req.param("id"), c.req.param("target"))),
  );

  app.post("/:id/disks/:target/resize", async (c) =>
    c.json(
      await vms.resizeDisk(
        c.req.param("id"),
        c.req.param("target"),
        await bodyField(c.req.raw, "sizeGb"),
      ),
    ));

  app.put("/:id/cdroms/:target", async (c) =>
    c.json(
      await vms.changeCdrom(
        c.req.param("id"),
        c.req.param("target"),
        await bodyField(c.req.raw, "isoPath") ?? null,
      ),
    ));

  app.post(
    "/:id/interfaces",
    async (c) => c.json(await vms.attachNic(c.req.param("id"), await jsonBody(c.req.raw)), 201),
  );

  app.delete(
    "/:id/interfaces/:mac",
    async (c) => c.json(await vms.detachNic(c.req.param("id"), c.req.param("mac"))),
  );

  return app;
}
