// A file on a web server as one stream of its bytes, whatever the network does: when the
// connection breaks or goes quiet for IDLE_MS, the rest is asked for again with an HTTP range
// (If-Range on the first answer's ETag or Last-Modified, so a file that changed meanwhile is
// never stitched to its old start), up to RETRIES times in a row; a resume the network fails
// too (no answer in time, no connection) is one more of them. More than `maxBytes` stops it.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { type FetchRules, guardedFetch } from "./guarded_fetch.ts";

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
    return { reader: response.body.getReader(), at };
  };

  const first = await request();
  /** The answer being read; null after a break, until the rest is asked for again. */
  let current: typeof first | null = first;
  let failuresInARow = 0;

  /**
   * The next chunk, or null at a clean end; a quiet connection throws like a broken one. A stop
   * throws its reason at once: Deno's fetch no longer errors a body on abort once its Response
   * was garbage-collected (seen with Deno 2.9), and only the reader is kept here.
   */
  const readChunk = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort = () => {};
    const quiet = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(t("no data for {{seconds}} s", { seconds: String(idleMs / 1000) }))),
        idleMs,
      );
      onAbort = () => reject(signal?.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const { done, value } = await Promise.race([reader.read(), quiet]);
      return done ? null : value;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  };

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        let chunk: Uint8Array | null;
        try {
          current ??= await request();
          chunk = await readChunk(current.reader);
          if (chunk === null && size !== null && received < size) {
            throw new Error(t("the connection closed early"));
          }
        } catch (err) {
          await current?.reader.cancel().catch(() => {});
          current = null;
          if (signal?.aborted) throw signal.reason ?? err;
          if (err instanceof AppError && !RETRIED_CODES.has(err.code)) throw err;
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
          controller.close();
          return;
        }
        if (chunk.length === 0) continue;
        received += chunk.length;
        if (received > maxBytes) {
          // The stream errors with this: its cancel() never comes, so the connection goes here.
          await current.reader.cancel().catch(() => {});
          throw tooLarge(maxBytes);
        }
        failuresInARow = 0;
        controller.enqueue(chunk);
        return;
      }
    },
    async cancel() {
      await current?.reader.cancel().catch(() => {});
    },
  }, { highWaterMark: 0 });

  return { url: first.at, size, validator, stream, resumed: () => resumes };
}
