// A file on a web server as one stream of its bytes, whatever the network does: when the
// connection breaks or goes quiet for IDLE_MS, the rest is asked for again with an HTTP range
// (If-Range on the first answer's ETag or Last-Modified, so a file that changed meanwhile is
// never stitched to its old start), up to RETRIES times in a row; a resume the network fails
// too (no answer in time, no connection) is one more of them. More than `maxBytes` stops it.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { type FetchRules, guardedFetch } from "../outbound/guarded_fetch.ts";

/** The most bytes one read of the body takes from the network (one buffer, used again and again). */
const SCRATCH_BYTES = 256 * 1024;
/** How long the body may go without a byte before the connection counts as broken. */
export const IDLE_MS = 60_000;
/** Resumes in a row without a byte in between before the download fails. */
export const RETRIES = 5;
/** A resume failing with these is the network again: one more break in a row, tried again. */
const RETRIED_CODES = new Set(["DOWNLOAD_TIMEOUT", "SOURCE_FAILED"]);

export interface RemoteFileOptions {
  signal?: AbortSignal;
  maxBytes: number;
  /** From this byte on (a download resumed after a restart); the validator must then match. */
  from?: number;
  /** The ETag or Last-Modified the bytes before `from` came with. */
  validator?: string | null;
  idleMs?: number;
  retries?: number;
  /** Wait before a resume, doubled each time in a row (tests shorten it). */
  retryDelayMs?: number;
}

export interface RemoteFile {
  /** Where the file was found, after redirects. */
  url: URL;
  /** The whole file's size when the server said, else null. */
  size: number | null;
  /** What a later range request must match (strong ETag, else Last-Modified), or null. */
  validator: string | null;
  /** The bytes from `from` (0) on. */
  stream: ReadableStream<Uint8Array>;
  /** How many times the rest was asked for again. */
  resumed(): number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The answer's error in words, for a status that is no success. */
function statusError(response: Response, url: URL): AppError {
  return new AppError(
    "SOURCE_FAILED",
    t("{{host}} answered {{status}} for {{path}}", {
      host: url.host,
      status: `${response.status} ${response.statusText}`.trim(),
      path: url.pathname.slice(0, 200),
    }),
  );
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    "FILE_TOO_LARGE",
    t("The file is larger than the {{max}} bytes a download may bring", { max: String(maxBytes) }),
  );
}

/** Range answer: "bytes 100-199/1000" → its start and total. */
function contentRange(response: Response): { start: number; total: number | null } | null {
  const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get("content-range") ?? "");
  return m ? { start: Number(m[1]), total: m[2] === "*" ? null : Number(m[2]) } : null;
}

/** Opens the file (from `options.from`); throws AppError when the first answer is no file. */
export async function openRemoteFile(
  url: string,
  rules: FetchRules,
  options: RemoteFileOptions,
): Promise<RemoteFile> {
  const { signal, maxBytes } = options;
  const idleMs = options.idleMs ?? IDLE_MS;
  const retries = options.retries ?? RETRIES;
  const retryDelayMs = options.retryDelayMs ?? 500;
  let received = options.from ?? 0;
  let validator = options.validator ?? null;
  let size: number | null = null;
  let resumes = 0;

  /** One request for the bytes from `received` on. */
  const request = async () => {
    const headers: Record<string, string> = { "accept-encoding": "identity" };
    if (received > 0) {
      headers.range = `bytes=${received}-`;
      if (validator) headers["if-range"] = validator;
    }
    const { response, url: at } = await guardedFetch(url, rules, { headers, signal });
    if (received > 0) {
      const range = response.status === 206 ? contentRange(response) : null;
      if (!range || range.start !== received) {
        await response.body?.cancel().catch(() => {});
        throw new AppError(
          "DOWNLOAD_INTERRUPTED",
          response.status === 200
            ? t(
              "{{host}} sent the file from its start again: it changed, or the server does not resume downloads",
              { host: at.host },
            )
            : t("{{host}} did not send the rest of the file from byte {{from}}", {
              host: at.host,
              from: String(received),
            }),
        );
      }
      size = range.total ?? size;
    } else {
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw statusError(response, at);
      }
      const length = response.headers.get("content-length");
      size = length !== null && /^\d+$/.test(length) ? Number(length) : null;
      const etag = response.headers.get("etag");
      validator = etag && !etag.startsWith("W/") ? etag : response.headers.get("last-modified");
    }
    if (size !== null && size > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    if (!response.body) throw statusError(response, at);
    return watched(response.body.getReader({ mode: "byob" }), at);
  };

  /**
   * An answer's body, watched: a read that brings no byte for idleMs, or a stop, cancels the
   * reader, which ends the read under way at once (Deno's fetch no longer errors a body on abort
   * once its Response was garbage-collected, seen with Deno 2.9; only the reader is kept). One
   * timer and one abort listener per answer, not per read: the body comes in thousands of reads.
   */
  const watched = (reader: ReadableStreamBYOBReader, at: URL) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** When the read under way started (performance.now()), or -1 between reads. */
    let since = -1;
    const answer = {
      reader,
      at,
      /** Whether the reader was cancelled, and why (quiet, stopped, let go). */
      dropped: false,
      why: undefined as unknown,
      /** A read starts: the quiet time counts from now until `idle()`. */
      reading() {
        since = performance.now();
        timer ??= setTimeout(check, idleMs);
      },
      idle() {
        since = -1;
      },
      /** Lets the connection go; the read under way, if any, ends at once. */
      drop(why: unknown) {
        if (!answer.dropped) [answer.dropped, answer.why] = [true, why];
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        return reader.cancel().catch(() => {});
      },
    };
    // Fires idleMs after the first read under it began; a later read moves it on, not a new timer.
    const check = () => {
      timer = undefined;
      if (since < 0) return;
      const quietFor = performance.now() - since;
      if (quietFor < idleMs) timer = setTimeout(check, idleMs - quietFor);
      else {
        answer.drop(new Error(t("no data for {{seconds}} s", { seconds: String(idleMs / 1000) })));
      }
    };
    const onAbort = () => answer.drop(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    return answer;
  };

  /** The buffer the body is read into, again and again (gone when a read did not end cleanly). */
  let scratch: ArrayBuffer | null = null;

  /** The answer's next bytes (a view of `scratch`), or null at a clean end. */
  const readBody = async (answer: ReturnType<typeof watched>): Promise<Uint8Array | null> => {
    const into = new Uint8Array(scratch ?? new ArrayBuffer(SCRATCH_BYTES));
    scratch = null;
    answer.reading();
    const { done, value } = await answer.reader.read(into);
    answer.idle();
    if (answer.dropped) throw answer.why;
    if (value) scratch = value.buffer as ArrayBuffer;
    return done ? null : value!;
  };

  const first = await request();
  /** The answer being read; null after a break, until the rest is asked for again. */
  let current: ReturnType<typeof watched> | null = first;
  let failuresInARow = 0;
  /** Bytes taken from the network and not handed on yet (a view of `scratch`). */
  let pending: Uint8Array = new Uint8Array(0);
  let cancelled = false;

  /** Takes the next bytes from the network into `pending`; false at the file's end. */
  const fill = async (): Promise<boolean> => {
    for (;;) {
      let chunk: Uint8Array | null;
      try {
        current ??= await request();
        if (cancelled) throw new Error("cancelled");
        chunk = await readBody(current);
        if (chunk === null && size !== null && received < size) {
          throw new Error(t("the connection closed early"));
        }
      } catch (err) {
        await current?.drop(err);
        current = null;
        if (signal?.aborted) throw signal.reason ?? err;
        if (cancelled || (err instanceof AppError && !RETRIED_CODES.has(err.code))) throw err;
        if (++failuresInARow > retries) {
          throw new AppError(
            "DOWNLOAD_INTERRUPTED",
            t("The download broke off at byte {{at}} and could not be resumed: {{reason}}", {
              at: String(received),
              reason: (err as Error).message,
            }),
          );
        }
        await sleep(retryDelayMs * 2 ** (failuresInARow - 1), signal);
        if (signal?.aborted) throw signal.reason;
        resumes++;
        continue;
      }
      if (chunk === null) {
        await current.drop(null);
        current = null;
        return false;
      }
      if (chunk.length === 0) continue;
      received += chunk.length;
      if (received > maxBytes) {
        // The stream errors with this: its cancel() never comes, so the connection goes here.
        await current.drop(null);
        current = null;
        throw tooLarge(maxBytes);
      }
      failuresInARow = 0;
      pending = chunk;
      return true;
    }
  };

  // A byte stream: a BYOB reader (the download's pump) gets the bytes copied straight into its
  // own buffer, a default reader (the unpacker) in chunks of up to SCRATCH_BYTES.
  const stream = new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: SCRATCH_BYTES,
    async pull(controller) {
      const request = controller.byobRequest!;
      if (pending.length === 0 && !await fill()) {
        controller.close();
        request.respond(0);
        return;
      }
      const view = request.view!;
      const n = Math.min(view.byteLength, pending.length);
      new Uint8Array(view.buffer, view.byteOffset, n).set(pending.subarray(0, n));
      pending = pending.subarray(n);
      request.respond(n);
    },
    async cancel() {
      cancelled = true;
      await current?.drop(new Error("cancelled"));
    },
  });

  return { url: first.at, size, validator, stream, resumed: () => resumes };
}
