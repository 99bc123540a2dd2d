// Bounds every request body while it is read, before sign-in too: a declared Content-Length
// over the route's limit is refused before a byte is read, and a body without one (chunked,
// HTTP/2) is counted as it streams, so no caller can make the server hold more than the limit.

import type { MiddlewareHandler } from "hono";
import { AppError } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** What small JSON routes (almost all) may receive. */
export const JSON_LIMIT = 64 * 1024;
/** A domain's XML (import, the XML editor) or a profile file. */
export const DOCUMENT_LIMIT = 1024 * 1024;
/** A template or a new VM: settings with cloud-init user-data and keys. */
export const TEMPLATE_LIMIT = 256 * 1024;

/** The limit of one request, in bytes, or null for a route that streams its body itself. */
export function bodyLimitOf(method: string, path: string): number | null {
  // Volume uploads stream into libvirt with a Content-Length checked against the volume, and a
  // guest file upload counts its own bytes (routes/api/guest.ts); both need a signed-in caller
  // before any of the body is read.
  if (method === "PUT" && /^\/api\/pools\/[^/]+\/volumes\/[^/]+\/content$/.test(path)) return null;
  if (method === "PUT" && /^\/api\/vms\/[^/]+\/guest\/file$/.test(path)) return null;
  if (method === "PUT" && /^\/api\/vms\/[^/]+\/xml$/.test(path)) return DOCUMENT_LIMIT;
  if (method === "POST" && path === "/api/vms/import") return DOCUMENT_LIMIT;
  if (method === "POST" && /^\/api\/profiles\/import(\/preview)?$/.test(path)) {
    return DOCUMENT_LIMIT;
  }
  // A VM's settings carry its cloud-init user-data (up to 64 KiB before JSON escaping), like a
  // template's.
  if (/^\/api\/templates(\/[^/]+)?$/.test(path)) return TEMPLATE_LIMIT;
  if (method === "POST" && (path === "/api/vms" || path === "/api/vms/validate")) {
    return TEMPLATE_LIMIT;
  }
  return JSON_LIMIT;
}

const tooLarge = (limit: number) =>
  new AppError(
    "PAYLOAD_TOO_LARGE",
    t("The request body is larger than {{size}}, the most this route takes", {
      size: bytesInWords(limit),
    }),
    { limit },
  );

/** A limit as people read it: "64 KiB", "1 MiB". */
export function bytesInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/**
 * Refuses a body over its route's limit with 413 PAYLOAD_TOO_LARGE. Whatever the handler made of
 * a body cut short (often "Malformed JSON"), the answer is the 413.
 */
export function bodyLimit(
  { limitOf = bodyLimitOf }: { limitOf?: typeof bodyLimitOf } = {},
): MiddlewareHandler {
  return async function boundBody(c, next) {
    const body = c.req.raw.body;
    const limit = body ? limitOf(c.req.method, c.req.path) : null;
    if (!body || limit === null) return await next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && !c.req.header("transfer-encoding")) {
      if (!/^\d+$/.test(declared)) {
        throw new AppError("BAD_REQUEST", t("Content-Length must be one whole number of bytes"));
      }
      if (Number(declared) > limit) throw tooLarge(limit);
      return await next();
    }
    let seen = 0;
    let exceeded = false;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit) {
            exceeded = true;
            controller.error(tooLarge(limit));
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted });
    try {
      await next();
    } catch (err) {
      if (exceeded) throw tooLarge(limit);
      throw err;
    }
    if (exceeded) throw tooLarge(limit);
  };
}
