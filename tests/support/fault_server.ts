// A real HTTP server on 127.0.0.1 whose answers a test scripts one request at a time, for the
// faults tests/support/web_files.ts does not make: a body with no length that never ends, bytes
// then silence, and a request whose headers never come. Files answer byte ranges (206, If-Range
// on their ETag) so a resumed download finds the rest. Each answer's body is watched: how many
// bytes left and whether the client stopped reading.

import { createHash } from "node:crypto";

/** How one request is answered. */
export type Plan =
  /** The file (from the asked range on), with its length; its body `pauseMs` after the headers. */
  | { kind: "file"; bytes: Uint8Array; pauseMs?: number }
  /** The file's headers and its first `after` bytes (from the asked range on), then nothing. */
  | { kind: "stall"; bytes: Uint8Array; after: number }
  /** 200 with no length, 64 KiB pieces for ever (chunked), until the client stops reading. */
  | { kind: "endless" }
  /** No answer at all: the headers never come. */
  | { kind: "silent" };

/** One answer's body as it went. */
export interface Answer {
  path: string;
  range: string | null;
  kind: Plan["kind"];
  /** Body bytes handed to the connection. */
  sent: number;
  /** The client stopped reading it (cancelled, or the connection closed). */
  cancelled: boolean;
}

export interface FaultServer {
  origin: string;
  url(path: string): string;
  /** The next requests of `path` get these plans in turn; the last one answers all later ones. */
  script(path: string, ...plans: Plan[]): void;
  /** Every request seen, in order, and how its answer went. */
  answers(): Answer[];
  close(): Promise<void>;
}

const PIECE = 64 * 1024;

/** A body of the pieces `next` gives (null: silence from there, empty: the end), counted. */
function watchedBody(
  answer: Answer,
  next: (sent: number) => Uint8Array | null,
  hanging: Set<ReadableStreamDefaultController<Uint8Array>>,
  pauseMs = 0,
): ReadableStream<Uint8Array> {
  let self: ReadableStreamDefaultController<Uint8Array>;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      self = controller;
      hanging.add(controller);
    },
    async pull(controller) {
      if (answer.sent === 0 && pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
      const piece = next(answer.sent);
      if (piece === null) return new Promise<void>(() => {}); // silence: no more pulls
      if (piece.length === 0) {
        hanging.delete(self);
        controller.close();
        return;
      }
      answer.sent += piece.length;
      controller.enqueue(piece);
    },
    cancel() {
      answer.cancelled = true;
      hanging.delete(self);
    },
  }, { highWaterMark: 0 });
}

export function startFaultServer(): FaultServer {
  const scripts = new Map<string, Plan[]>();
  const seen: Answer[] = [];
  const hanging = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const silent = new Set<(res: Response) => void>();

  const handler = (req: Request): Response | Promise<Response> => {
    const path = new URL(req.url).pathname;
    const range = req.headers.get("range");
    const plans = scripts.get(path);
    const plan = plans && plans.length > 1 ? plans.shift()! : plans?.[0];
    const answer: Answer = {
      path,
      range,
      kind: plan?.kind ?? "file",
      sent: 0,
      cancelled: false,
    };
    seen.push(answer);
    if (!plan) return new Response("not found", { status: 404 });
    if (plan.kind === "silent") return new Promise((resolve) => silent.add(resolve));
    if (plan.kind === "endless") {
      const piece = new Uint8Array(PIECE).fill(7);
      return new Response(watchedBody(answer, () => piece, hanging), {
        headers: { "content-type": "application/octet-stream" },
      });
    }
    const { bytes } = plan;
    const etag = `"${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}"`;
    const headers: Record<string, string> = {
      "accept-ranges": "bytes",
      etag,
      "content-type": "application/octet-stream",
    };
    let start = 0;
    let status = 200;
    const m = range ? /^bytes=(\d+)-$/.exec(range) : null;
    const ifRange = req.headers.get("if-range");
    if (m && (ifRange === null || ifRange === etag) && Number(m[1]) < bytes.length) {
      start = Number(m[1]);
      status = 206;
      headers["content-range"] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    }
    const part = bytes.subarray(start);
    headers["content-length"] = String(part.length);
    const until = plan.kind === "stall" ? Math.min(plan.after, part.length - 1) : part.length;
    const next = (sent: number) =>
      sent >= until ? (until < part.length ? null : new Uint8Array(0)) : part.subarray(
        sent,
        Math.min(sent + PIECE, until),
      );
    const pauseMs = plan.kind === "file" ? plan.pauseMs : 0;
    return new Response(watchedBody(answer, next, hanging, pauseMs), { status, headers });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  const origin = `http://127.0.0.1:${server.addr.port}`;
  let closed: Promise<void> | null = null;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    script: (path, ...plans) => void scripts.set(path, plans),
    answers: () => seen.map((a) => ({ ...a })),
    close() {
      closed ??= (async () => {
        for (const c of hanging) {
          try {
            c.error(new Error("server closing"));
          } catch {
            // already ended
          }
        }
        for (const resolve of silent) resolve(new Response(null, { status: 503 }));
        await server.shutdown();
      })();
      return closed;
    },
  };
}

/** A fault server for `fn`, closed afterwards also when `fn` fails. */
export async function withFaultServer(fn: (server: FaultServer) => Promise<void>): Promise<void> {
  const server = startFaultServer();
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}
