// /api/images: the image library, files from URLs made into volumes (downloads), and what
// downloads may reach.

import type { AppContext } from "../../lib/context.ts";
import { DOWNLOAD_CODES, DownloadBody } from "../../lib/images/downloads.ts";
import { ImageSettingsBody } from "../../lib/images/settings.ts";
import { CatalogEntryBody } from "../../lib/images/library.ts";
import { z } from "zod";
import { DeclaredApp, reply } from "../declare.ts";

export function imageRoutes(
  { downloads, imageSettings, imageLibrary }: AppContext,
): DeclaredApp {
  // A download reaches out from this server and writes into the host's pools: admins only.
  const app = new DeclaredApp({ access: "admin", writesStore: false });
  app.GET(
    "/",
    "The image library: shipped cloud images and ISOs and the admins' own, with the URL a download fetches (through the mirrors) and the pools that hold each",
    { access: "read", answer: "ImageLibrary" },
    reply(() => imageLibrary.list()),
  );
  app.POST("/catalog", "Add an image of your own to the library", {
    writesStore: true,
    audit: "image.catalog-add",
    body: { schema: CatalogEntryBody, code: "INVALID_INPUT" },
    responses: { 201: "The entry" },
    answer: "ImageCatalogEntry",
  }, reply((_, body) => imageLibrary.add(body)));
  app.DELETE("/catalog/:id", "Remove an image of your own from the library (its volumes stay)", {
    writesStore: true,
    audit: "image.catalog-remove",
    params: { id: z.string().meta({ description: "The entry's id" }) },
    responses: { 204: "Removed" },
  }, reply(({ id }) => imageLibrary.remove(id)));
  app.POST(
    "/downloads",
    "Download a file from an http(s) URL into a new volume: unpacked (.gz), checked against a published checksum, refused from private addresses unless allowed; answers once the server answered, then runs as a task",
    {
      audit: "image.download",
      body: { schema: DownloadBody, ...DOWNLOAD_CODES },
      responses: { 202: "The download started: pool, volume name, its task's id, size, checksum" },
      answer: "ImageDownloadStarted",
    },
    reply((_, body) => downloads.start(body)),
  );
  app.GET(
    "/settings",
    "What downloads may reach beyond public addresses (a local mirror) and the largest file",
    { answer: "ImageSettings" },
    reply(() => imageSettings.get()),
  );
  app.PUT("/settings", "Change the allowed sources and the largest download", {
    writesStore: true,
    audit: "image.settings-update",
    body: { schema: ImageSettingsBody, code: "INVALID_SETTING" },
    answer: "ImageSettings",
  }, reply((_, body) => imageSettings.set(body)));
  return app;
}
