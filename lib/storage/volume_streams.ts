// A volume's bytes streamed without holding them whole: a pinned file read out as a response
// body of exactly its size, and a request body cut into the pieces an upload writes.

import { badRequest } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PinnedFile } from "./pinned_file.ts";

/** The size of the pieces uploads and downloads move. */
export const TRANSFER_CHUNK = 1024 * 1024;

/**
 * The pinned file's bytes as a stream of exactly its size when opened (the Content-Length sent):
 * a file grown meanwhile is cut there, one shrunk ends the stream with an error. The file is
 * closed, and its pin released, at the end, on an error or when the client goes away.
 */
export async function streamPinned(
  pinned: PinnedFile,
): Promise<{ size: number; stream: ReadableStream<Uint8Array> }> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(pinned.path, { read: true });
  } catch (err) {
    await pinned.close();
    throw err;
  }
  const size = pinned.size;
  let left = size;
  const finish = async () => {
    file.close();
    await pinned.close();
  };
  const stream = pulledStream(async () => {
    if (left === 0) return null;
    const piece = new Uint8Array(Math.min(TRANSFER_CHUNK, left));
    const n = await file.read(piece);
    if (n === null) {
      throw new Error(t("{{path}} became shorter while it was read", { path: pinned.given }));
    }
    left -= n;
    return n === piece.length ? piece : piece.slice(0, n);
  }, finish);
  return { size, stream };
}

/**
 * A response body read piece by piece from `next` only as the client takes it (no read ahead, so
 * a slow client holds one piece); `next` answers null at the end. `release` lets go of what the
 * pieces come from, once: at the end, on an error or when the client goes away.
 */
export function pulledStream(
  next: () => Promise<Uint8Array | null>,
  release: () => Promise<void>,
): ReadableStream<Uint8Array> {
  let done = false;
  const finish = async () => {
    if (done) return;
    done = true;
    await release();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const piece = await next();
        if (piece === null) {
          await finish();
          controller.close();
        } else {
          controller.enqueue(piece);
        }
      } catch (err) {
        await finish();
        controller.error(err);
      }
    },
    cancel: finish,
  }, { highWaterMark: 0 });
}

/** A piece being gathered: its buffer and how much of it holds bytes. */
export interface Piece {
  buffer: Uint8Array<ArrayBuffer>;
  filled: number;
}

/**
 * Copies `chunk` into `piece` behind what it holds; each time the piece is full, awaits `flush`,
 * which hands it on and empties it (and may give it another buffer). Uploads and downloads cut
 * their bytes into pieces alike.
 */
export async function gatherInto(
  piece: Piece,
  chunk: Uint8Array,
  flush: () => Promise<void>,
): Promise<void> {
  for (let at = 0; at < chunk.length;) {
    const n = Math.min(chunk.length - at, piece.buffer.length - piece.filled);
    piece.buffer.set(chunk.subarray(at, at + n), piece.filled);
    piece.filled += n;
    at += n;
    if (piece.filled === piece.buffer.length) await flush();
  }
}

/**
 * Gathers bytes into TRANSFER_CHUNK pieces for `write`, saying after each how many went in all.
 * Each piece is a copy: the buffer is filled again while libvirt may still hold the last one.
 * `end()` writes what is left and lets the buffer go.
 */
export function transferPieces(
  write: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>,
  progress: (sent: number) => void,
): { add(chunk: Uint8Array): Promise<void>; end(): Promise<void> } {
  const piece: Piece = { buffer: new Uint8Array(TRANSFER_CHUNK), filled: 0 };
  let sent = 0;
  const flush = async () => {
    if (piece.filled === 0) return;
    await write(piece.buffer.slice(0, piece.filled));
    progress(sent += piece.filled);
    piece.filled = 0;
  };
  return {
    add: (chunk) => gatherInto(piece, chunk, flush),
    async end() {
      await flush();
      piece.buffer = new Uint8Array(0);
    },
  };
}

/**
 * Reads the request body and hands it to `write` in TRANSFER_CHUNK pieces, exactly `length`
 * bytes, saying how many went each time; `signal` stops it (the body is no longer read).
 */
export async function sendBody(
  write: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>,
  body: ReadableStream<Uint8Array>,
  length: number,
  { signal, progress }: { signal: AbortSignal; progress(sent: number): void },
): Promise<void> {
  const reader = body.getReader();
  const stopReading = () => reader.cancel("cancelled").catch(() => {});
  signal.addEventListener("abort", stopReading, { once: true });
  const pieces = transferPieces(write, progress);
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw new Error("cancelled");
      if (done) break;
      total += value.length;
      if (total > length) {
        throw badRequest(
          t("Upload is longer than its Content-Length of {{length}} bytes", {
            length: String(length),
          }),
        );
      }
      await pieces.add(value);
    }
    await pieces.end();
  } finally {
    signal.removeEventListener("abort", stopReading);
    reader.releaseLock();
  }
  if (total < length) {
    throw badRequest(
      t("Upload ended after {{total}} of {{length}} bytes", {
        total: String(total),
        length: String(length),
      }),
    );
  }
}
