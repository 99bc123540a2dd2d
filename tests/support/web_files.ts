// A real HTTP server on 127.0.0.1 serving files the tests make, as a mirror or a distribution's
// server would: ETag, Last-Modified, byte ranges (206, 416, If-Range), redirects, and the faults
// a download must live through: a connection cut after some bytes, a body that never comes.

import { createHash } from "node:crypto";

export interface WebFiles {
  origin: string;
  url(path: string): string;
  /** Serves `bytes` at `path` (GET and HEAD), replacing what was there. */
  serve(path: string, bytes: Uint8Array): void;
  serveText(path: string, text: string): void;
  /** `path` answers 302 to `location`. */
  redirect(path: string, location: string): void;
  /** The next `times` GETs of `path` send `afterBytes` bytes of their body, then cut it. */
  dropAfter(path: string, afterBytes: number, times?: number): void;
  /** GETs of `path` send their headers and then nothing, until close(). */
  stall(path: string): void;
  /** GETs of `path` send about `bytesPerSecond` (64 KiB pieces), so progress can be watched. */
  pace(path: string, bytesPerSecond: number): void;
  /** Every request seen, in order. */
  requests(): { method: string; path: string; range: string | null }[];
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The SHA-256 of `bytes` in hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A SHA256SUMS file in GNU coreutils style: "<hex>  <name>" per line. */
export function sha256sums(entries: Record<string, Uint8Array>): string {
  return Object.entries(entries).map(([name, bytes]) => `${sha256Hex(bytes)}  ${name}\n`).join(
    "",
  );
}

interface Entry {
  bytes: Uint8Array;
  etag: string;
  modified: string;
}

/** `bytes` as a body sent at about `rate` bytes a second. */
function pacedBody(bytes: Uint8Array, rate: number): ReadableStream<Uint8Array> {
  const piece = 64 * 1024;
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent >= bytes.length) {
        controller.close();
        return;
      }
      await new Promise((r) => setTimeout(r, (piece / rate) * 1000));
      controller.enqueue(bytes.subarray(sent, sent + piece));
      sent += piece;
    },
  });
}

/** `bytes` from `start` on as a body that errors after `limit` bytes (the connection is cut). */
function cutBody(bytes: Uint8Array, limit: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= limit) {
        controller.error(new Error("cut by the test server"));
        return;
      }
      const n = Math.min(64 * 1024, limit - sent);
      controller.enqueue(bytes.subarray(sent, sent + n));
      sent += n;
    },
  });
}

export function startWebFiles(): WebFiles {
  const files = new Map<string, Entry>();
  const redirects = new Map<string, string>();
  const drops = new Map<string, { after: number; times: number }>();
  const stalled = new Set<string>();
  const paced = new Map<string, number>();
  const seen: { method: string; path: string; range: string | null }[] = [];
  const hanging = new Set<ReadableStreamDefaultController<Uint8Array>>();

  const handler = (req: Request): Response => {
    const path = new URL(req.url).pathname;
    const range = req.headers.get("range");
    seen.push({ method: req.method, path, range });
    const location = redirects.get(path);
    if (location) return new Response(null, { status: 302, headers: { location } });
    const file = files.get(path);
    if (!file) return new Response("not found", { status: 404 });
    const total = file.bytes.length;
    const headers: Record<string, string> = {
      "accept-ranges": "bytes",
      etag: file.etag,
      "last-modified": file.modified,
      "content-type": "application/octet-stream",
    };
    let start = 0;
    let end = total - 1;
    let status = 200;
    const ifRange = req.headers.get("if-range");
    const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    if (m && (ifRange === null || ifRange === file.etag || ifRange === file.modified)) {
      start = Number(m[1]);
      end = m[2] ? Math.min(Number(m[2]), total - 1) : total - 1;
      if (start >= total || start > end) {
        return new Response(null, {
          status: 416,
          headers: { "content-range": `bytes */${total}` },
        });
      }
      status = 206;
      headers["content-range"] = `bytes ${start}-${end}/${total}`;
    }
    const part = file.bytes.subarray(start, end + 1);
    headers["content-length"] = String(part.length);
    if (req.method === "HEAD") return new Response(null, { status, headers });
    if (stalled.has(path)) {
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => void hanging.add(controller),
      });
      return new Response(body, { status, headers });
    }
    const rate = paced.get(path);
    if (rate) return new Response(pacedBody(part, rate), { status, headers });
    const drop = drops.get(path);
    if (drop && drop.times > 0) {
      drop.times--;
      return new Response(cutBody(part, Math.min(drop.after, part.length - 1)), {
        status,
        headers,
      });
    }
    return new Response(part as Uint8Array<ArrayBuffer>, { status, headers });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  const origin = `http://127.0.0.1:${server.addr.port}`;
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      for (const c of hanging) {
        try {
          c.error(new Error("server closing"));
        } catch {
          // already ended
        }
      }
      await server.shutdown();
    })();
    return closed;
  };
  return {
    origin,
    url: (path) => `${origin}${path}`,
    serve(path, bytes) {
      const etag = `"${sha256Hex(bytes).slice(0, 16)}"`;
      files.set(path, { bytes, etag, modified: new Date(0).toUTCString() });
    },
    serveText(path, text) {
      this.serve(path, new TextEncoder().encode(text));
    },
    redirect: (path, location) => void redirects.set(path, location),
    dropAfter: (path, after, times = 1) => void drops.set(path, { after, times }),
    stall: (path) => void stalled.add(path),
    pace: (path, rate) => void paced.set(path, rate),
    requests: () => [...seen],
    close,
    [Symbol.asyncDispose]: close,
  };
}
