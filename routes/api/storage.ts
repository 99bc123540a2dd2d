// /api/pools: storage pools, their volumes, and volume upload and download.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { jsonBody, optionalJsonBody } from "../body.ts";
import { DeclaredApp } from "../declare.ts";

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

export function storageRoutes({ pools, volumes }: AppContext): DeclaredApp {
  const app = new DeclaredApp();

  app.api(
    { method: "get", path: "/", summary: "List storage pools", access: "read" },
    async (c) => c.json(await pools.list()),
  );
  app.api(
    {
      method: "post",
      path: "/",
      summary: "Define a storage pool (and build, start and autostart it)",
      access: "admin",
      writesStore: false,
      body: {
        description: "{name, type, path?, sourceHost?, sourcePath?, sourceDevices?, sourceName?, " +
          "build?, start?, autostart?}",
      },
      responses: { 201: "The pool" },
    },
    async (c) => c.json(await pools.create(await jsonBody(c.req.raw)), 201),
  );
  app.api(
    { method: "get", path: "/:pool", summary: "One storage pool", access: "read" },
    async (c) => c.json(await pools.get(c.req.param("pool"))),
  );
  app.api(
    {
      method: "patch",
      path: "/:pool",
      summary: "Turn a storage pool's autostart on or off",
      access: "admin",
      audit: "pool.autostart",
      writesStore: false,
      body: { description: "{autostart}" },
    },
    async (c) => c.json(await pools.update(c.req.param("pool"), await jsonBody(c.req.raw))),
  );
  app.api(
    {
      method: "delete",
      path: "/:pool",
      summary: "Delete a storage pool, and its volumes when confirmed",
      access: "admin",
      writesStore: false,
      body: {
        description: "{deleteContents?, confirm?} (confirm repeats the pool's name)",
        required: false,
      },
    },
    async (c) =>
      c.json(await pools.delete(c.req.param("pool"), await optionalJsonBody(c.req.raw, undefined))),
  );

  app.api(
    { method: "get", path: "/:pool/volumes", summary: "List a pool's volumes", access: "read" },
    async (c) => c.json(await volumes.list(c.req.param("pool"))),
  );
  app.api(
    {
      method: "post",
      path: "/:pool/volumes",
      summary: "Create a volume in a pool",
      access: "admin",
      writesStore: false,
      body: { description: "{name, format?, sizeGb} (format: qcow2 or raw)" },
      responses: { 201: "The volume" },
    },
    async (c) => c.json(await volumes.create(c.req.param("pool"), await jsonBody(c.req.raw)), 201),
  );
  app.api(
    { method: "get", path: "/:pool/volumes/:vol", summary: "One volume", access: "read" },
    async (c) => c.json(await volumes.get(c.req.param("pool"), c.req.param("vol"))),
  );
  app.api(
    {
      method: "delete",
      path: "/:pool/volumes/:vol",
      summary: "Delete a volume no VM uses",
      access: "admin",
      writesStore: false,
      responses: { 204: "Deleted" },
    },
    async (c) => {
      await volumes.delete(c.req.param("pool"), c.req.param("vol"));
      return c.body(null, 204);
    },
  );
  app.api(
    {
      method: "post",
      path: "/:pool/volumes/:vol/resize",
      summary: "Grow a volume",
      access: "admin",
      writesStore: false,
      body: { description: "{sizeGb}" },
    },
    async (c) =>
      c.json(
        await volumes.resize(c.req.param("pool"), c.req.param("vol"), await jsonBody(c.req.raw)),
      ),
  );
  app.api(
    {
      method: "post",
      path: "/:pool/volumes/:vol/clone",
      summary: "Copy a volume under a new name in the same pool",
      access: "admin",
      writesStore: false,
      body: { description: "{name}" },
      responses: { 201: "The new volume" },
    },
    async (c) =>
      c.json(
        await volumes.clone(c.req.param("pool"), c.req.param("vol"), await jsonBody(c.req.raw)),
        201,
      ),
  );
  app.api(
    {
      method: "put",
      path: "/:pool/volumes/:vol/content",
      summary: "Upload a new raw volume's bytes",
      access: "admin",
      audit: "volume.upload",
      writesStore: false,
      body: { description: "the volume's bytes (application/octet-stream, with content-length)" },
      responses: { 201: "The volume" },
    },
    async (c) =>
      c.json(
        await volumes.upload(
          c.req.param("pool"),
          c.req.param("vol"),
          contentLength(c.req.raw),
          c.req.raw.body,
        ),
        201,
      ),
  );
  app.api(
    {
      method: "get",
      path: "/:pool/volumes/:vol/content",
      summary: "Download a volume's bytes",
      access: "admin",
      responses: { 200: "The volume's bytes (application/octet-stream, as an attachment)" },
    },
    async (c) => {
      const name = c.req.param("vol");
      const { size, stream } = await volumes.download(c.req.param("pool"), name);
      return new Response(stream, {
        headers: {
          "content-type": "application/octet-stream",
          "content-length": String(size),
          "content-disposition": attachment(name),
        },
      });
    },
  );

  app.api(
    {
      method: "post",
      path: "/:pool/:action",
      summary: "Start, stop, build or refresh a storage pool",
      access: "admin",
      writesStore: false,
      params: { action: z.string().meta({ description: "start, stop, build or refresh" }) },
    },
    async (c) => c.json(await pools.action(c.req.param("pool"), c.req.param("action"))),
  );

  return app;
}
