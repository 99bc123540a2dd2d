// /api/pools: storage pools, their volumes, and volume upload and download.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import {
  AutostartBody,
  POOL_CREATE_CODES,
  PoolCreateBody,
  PoolDeleteBody,
} from "../../lib/storage/pool_input.ts";
import {
  VOLUME_CODES,
  VolumeCloneBody,
  VolumeConvertBody,
  VolumeCreateBody,
  VolumeResizeBody,
} from "../../lib/storage/volumes.ts";
import { DeclaredApp, reply } from "../declare.ts";

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
  // Changes are admins' and live in libvirt, never in the app store.
  const app = new DeclaredApp({ access: "admin", writesStore: false });

  app.GET("/", "List storage pools", {
    access: "read",
    answer: "StoragePoolList",
  }, reply(() => pools.list()));
  app.POST("/", "Define a storage pool (and build, start and autostart it)", {
    body: { schema: PoolCreateBody, ...POOL_CREATE_CODES },
    responses: { 201: "The pool" },
    answer: "StoragePool",
  }, reply((_, body) => pools.create(body)));
  app.GET("/:pool", "One storage pool, with the volumes whose file vanished outside libvirt", {
    access: "read",
    answer: "StoragePoolDetail",
  }, reply(({ pool }) => pools.detail(pool)));
  app.PATCH("/:pool", "Turn a storage pool's autostart on or off", {
    audit: "pool.autostart",
    body: { schema: AutostartBody },
    answer: "StoragePool",
  }, reply(({ pool }, body) => pools.update(pool, body)));
  app.DELETE("/:pool", "Delete a storage pool, and its volumes when confirmed", {
    body: { schema: PoolDeleteBody, empty: {} },
    answer: "StoragePoolDeleted",
  }, reply(({ pool }, body) => pools.delete(pool, body)));

  app.GET("/:pool/volumes", "List a pool's volumes", {
    access: "read",
    answer: "StorageVolumeList",
  }, reply(({ pool }) => volumes.list(pool)));
  app.POST("/:pool/volumes", "Create a volume in a pool", {
    body: { schema: VolumeCreateBody, ...VOLUME_CODES },
    responses: { 201: "The volume" },
    answer: "StorageVolume",
  }, reply(({ pool }, body) => volumes.create(pool, body)));
  app.GET("/:pool/volumes/:vol", "One volume", {
    access: "read",
    answer: "StorageVolume",
  }, reply(({ pool, vol }) => volumes.get(pool, vol)));
  app.DELETE("/:pool/volumes/:vol", "Delete a volume no VM uses", {
    responses: { 204: "Deleted" },
  }, reply(({ pool, vol }) => volumes.delete(pool, vol)));
  app.POST("/:pool/volumes/:vol/resize", "Grow a volume", {
    body: { schema: VolumeResizeBody, ...VOLUME_CODES },
    answer: "StorageVolume",
  }, reply(({ pool, vol }, body) => volumes.resize(pool, vol, body)));
  app.POST("/:pool/volumes/:vol/clone", "Copy a volume under a new name in the same pool", {
    body: { schema: VolumeCloneBody, ...VOLUME_CODES },
    responses: { 201: "The new volume" },
    answer: "StorageVolume",
  }, reply(({ pool, vol }, body) => volumes.clone(pool, vol, body)));
  app.POST(
    "/:pool/volumes/:vol/convert",
    "Convert a foreign disk (vmdk, vhdx, vhd, vdi, qcow2, raw) into a new qcow2 or raw volume of the pool (local pools)",
    {
      audit: "volume.convert",
      body: { schema: VolumeConvertBody, ...VOLUME_CODES },
      responses: { 201: "The new volume" },
      answer: "StorageVolume",
    },
    reply(({ pool, vol }, body) => volumes.convert(pool, vol, body)),
  );
  app.POST(
    "/:pool/volumes/:vol/flatten",
    "Make a linked clone independent: it takes in what it reads from its base image (local pools, no running VM)",
    { audit: "volume.flatten", answer: "StorageVolume" },
    reply(({ pool, vol }) => volumes.flatten(pool, vol)),
  );
  app.GET(
    "/:pool/volumes/:vol/clones",
    "The linked clones of a base image and the VMs using each",
    { access: "read", answer: "StorageVolumeClones" },
    reply(async ({ pool, vol }) => ({ clones: await volumes.clones(pool, vol) })),
  );
  app.PUT("/:pool/volumes/:vol/content", "Upload a new raw volume's bytes", {
    audit: "volume.upload",
    body: { description: "the volume's bytes (application/octet-stream, with content-length)" },
    responses: { 201: "The volume" },
    answer: "StorageVolume",
  }, async (c) => {
    const { pool, vol } = c.req.param();
    const upload = await volumes.upload(pool, vol, contentLength(c.req.raw), c.req.raw.body);
    return c.json(upload, 201);
  });
  app.GET("/:pool/volumes/:vol/content", "Download a volume's bytes", {
    responses: {
      200: {
        description: "The volume's bytes (application/octet-stream, as an attachment)",
        media: "application/octet-stream",
      },
    },
  }, async (c) => {
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

  app.POST("/:pool/:action", "Start, stop, build or refresh a storage pool", {
    params: { action: z.string().meta({ description: "start, stop, build or refresh" }) },
    answer: "StoragePool",
  }, reply(({ pool, action }) => pools.action(pool, action)));

  return app;
}
