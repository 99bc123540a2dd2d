// Guest API of one VM (mounted at /api/vms): what the guest agents report, running an allowed
// command, file upload and download, and filesystem freeze/thaw.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { jsonBody } from "../body.ts";

/**
 * Largest upload: a file travels base64-encoded in one protocol line (16 MiB), so 12 MiB; the
 * agent's own max_file_bytes (8 MiB by default) may refuse a smaller one.
 */
export const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;

async function limitedBody(req: Request, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body) {
      size += chunk.length;
      if (size > limit) {
        throw new AppError(
          "FILE_TOO_LARGE",
          `File is larger than ${limit / 1024 / 1024} MiB, the most one upload can carry`,
        );
      }
      chunks.push(chunk);
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A download's file name: the path's last part, reduced to safe characters. */
function downloadName(path: string): string {
  return (path.split("/").pop() || "download").replace(/[^A-Za-z0-9._-]/g, "_");
}

export function guestRoutes({ guest }: AppContext): Hono {
  const app = new Hono();

  app.get("/:id/guest", async (c) => c.json(await guest.info(c.req.param("id"))));

  app.post(
    "/:id/guest/exec",
    async (c) => c.json(await guest.exec(c.req.param("id"), await jsonBody(c.req.raw))),
  );

  app.get("/:id/guest/file", async (c) => {
    const { path, bytes } = await guest.readFile(c.req.param("id"), c.req.query("path"));
    return new Response(bytes, {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="${downloadName(path)}"`,
        "content-length": String(bytes.length),
      },
    });
  });

  app.put("/:id/guest/file", async (c) => {
    const path = c.req.query("path");
    const bytes = await limitedBody(c.req.raw, MAX_UPLOAD_BYTES);
    return c.json(await guest.writeFile(c.req.param("id"), path, bytes));
  });

  app.post(
    "/:id/guest/fsfreeze",
    async (c) => c.json({ filesystems: await guest.fsFreeze(c.req.param("id")) }),
  );
  app.post(
    "/:id/guest/fsthaw",
    async (c) => c.json({ filesystems: await guest.fsThaw(c.req.param("id")) }),
  );

  return app;
}
