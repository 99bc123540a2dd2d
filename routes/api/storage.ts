// /api/pools: storage pools, their volumes, and volume upload and download.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { jsonBody, optionalJsonBody } from "../body.ts";

/** A header's value as a byte count, or null. */
function contentLength(req: Request): number | null {
  const value = req.headers.get("content-length");
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

/** RFC 6266 filename parameters: an ASCII fallback plus the exact UTF-8 name. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function storageRoutes({ pools, volumes }: AppContext): Hono {
  const app = new Hono();

  app.get("/", async (c) => c.json(await pools.list()));
  app.post("/", async (c) => c.json(await pools.create(await jsonBody(c.req.raw)), 201));
  app.get("/:pool", async (c) => c.json(await pools.get(c.req.param("pool"))));
  app.patch(
    "/:pool",
    async (c) => c.json(await pools.update(c.req.param("pool"), await jsonBody(c.req.raw))),
  );
  app.delete(
    "/:pool",
    async (c) =>
      c.json(await pools.delete(c.req.param("pool"), await optionalJsonBody(c.req.raw, undefined))),
  );

  app.get("/:pool/volumes", async (c) => c.json(await volumes.list(c.req.param("pool"))));
  app.post(
    "/:pool/volumes",
    async (c) => c.json(await volumes.create(c.req.param("pool"), await jsonBody(c.req.raw)), 201),
  );
  app.get(
    "/:pool/volumes/:vol",
    async (c) => c.json(await volumes.get(c.req.param("pool"), c.req.param("vol"))),
  );
  app.delete("/:pool/volumes/:vol", async (c) => {
    await volumes.delete(c.req.param("pool"), c.req.param("vol"));
    return c.body(null, 204);
  });
  app.post("/:pool/volumes/:vol/resize", async (c) =>
    c.json(
      await volumes.resize(c.req.param("pool"), c.req.param("vol"), await jsonBody(c.req.raw)),
    ));
  app.post("/:pool/volumes/:vol/clone", async (c) =>
    c.json(
      await volumes.clone(c.req.param("pool"), c.req.param("vol"), await jsonBody(c.req.raw)),
      201,
    ));
  app.put("/:pool/volumes/:vol/content", async (c) =>
    c.json(
      await volumes.upload(
        c.req.param("pool"),
        c.req.param("vol"),
        contentLength(c.req.raw),
        c.req.raw.body,
      ),
      201,
    ));
  app.get("/:pool/volumes/:vol/content", async (c) => {
    const name = c.req.param("vol");
    const { size, stream } = await volumes.download(c.req.param("pool"), name);
    return new Response(stream, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(size),
        "content-disposition": attachment(name),
      },
    });
  });

  app.post(
    "/:pool/:action",
    async (c) => c.json(await pools.action(c.req.param("pool"), c.req.param("action"))),
  );

  return app;
}
