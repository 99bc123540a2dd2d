// /api/images: the image library, files from URLs made into volumes (downloads), and what
// downloads may reach.

import type { AppContext } from "../../lib/context.ts";
import { DOWNLOAD_CODES, DownloadBody } from "../../lib/images/downloads.ts";
import { ImageSettingsBody } from "../../lib/images/settings.ts";
import { CatalogEntryBody } from "../../lib/images/library.ts";
import { z } from "zod";
import { DeclaredApp } from "../declare.ts";

export function imageRoutes(
  { downloads, imageSettings, imageLibrary }: AppContext,
): DeclaredApp {
  // A download reaches out from this server and writes into the host's pools: admins only.
  const app = new DeclaredApp({ access: "admin", writesStore: false });
  app.GET(
    "/",
    "The image library: shipped cloud images and ISOs and the admins' own, with the URL a download fetches (through the mirrors) and the pools that hold each",
    { access: "read", answer: "ImageLibrary" },
    async (c) => c.json(await imageLibrary.list()),
  );
  app.POST("/catalog", "Add an image of your own to the library", {
    writesStore: true,
    audit: "image.catalog-add",
    body: { schema: CatalogEntryBody, code: "INVALID_INPUT" },
    responses: { 201: "The entry" },
    answer: "ImageCatalogEntry",
  }, (c) => c.json(imageLibrary.add(c.get("body")), 201));
  app.DELETE("/catalog/:id", "Remove an image of your own from the library (its volumes stay)", {
    writesStore: true,
    audit: "image.catalog-remove",
    params: { id: z.string().meta({ description: "The entry's id" }) },
    responses: { 204: "Removed" },
  }, (c) => {
    imageLibrary.remove(c.req.param("id"));
    return c.body(null, 204);
  });
  app.POST(
    "/downloads",
    "Download a file from an http(s) URL into a new volume: unpacked (.gz), checked against a published checksum, refused from private addresses unless allowed; answers once the server answered, then runs as a task",
    {
      audit: "image.download",
      body: { schema: DownloadBody, ...DOWNLOAD_CODES },
      responses: { 202: "The download started: pool, volume name, its task's id, size, checksum" },
      answer: "ImageDownloadStarted",
    },
    async (c) => c.json(await downloads.start(c.get("body")), 202),
  );
  app.GET(
    "/settings",
    "What downloads may reach beyond public addresses (a local mirror) and the largest file",
    { answer: "ImageSettings" },
    (c) => c.json(imageSettings.get()),
  );
  app.PUT("/settings", "Change the allowed sources and the largest download", {
    writesStore: true,
    audit: "image.settings-update",
    body: { schema: ImageSettingsBody, code: "INVALID_SETTING" },
    answer: "ImageSettings",
  }, (c) => c.json(imageSettings.set(c.get("body"))));
  return app;
}
