// The byte pumps of a download: the server's stream into a volume sink in UPLOAD_CHUNK pieces
// (two buffers taking turns, so the network and the disk or libvirt overlap), and a small text
// answer (a sums file) read with a cap.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { VolumeSink } from "./volume_sink.ts";
import { gatherInto, type Piece } from "../storage/volume_streams.ts";

/** Bytes per write (or trip to libvirt's upload stream); two pieces are held at most. */
export const UPLOAD_CHUNK = 1024 * 1024;

/**
 * The stream's bytes to the upload in UPLOAD_CHUNK pieces, at most `max` of them; `onPiece` sees
 * each piece, in order, before it is written (and may make the pump wait). One piece is in the sink's hands while the next is
 * read: the network and the disk or libvirt overlap instead of taking turns, and at most two
 * pieces are held. A byte stream (the server's bytes, remote_file.ts) is read straight into the
 * piece; other streams (an unpacker's) hand chunks that are copied in.
 */
export async function pump(
  bytes: ReadableStream<Uint8Array>,
  sink: VolumeSink,
  max: number,
  signal: AbortSignal,
  onPiece?: (piece: Uint8Array) => void | Promise<void>,
): Promise<void> {
  // Two buffers in turn: one being written while the other fills.
  const piece: Piece = { buffer: new Uint8Array(UPLOAD_CHUNK), filled: 0 };
  let spare = new Uint8Array(UPLOAD_CHUNK);
  let total = 0;
  let sending: Promise<unknown> | null = null;
  const count = (n: number) => {
    total += n;
    if (total > max) {
      throw new AppError(
        "FILE_TOO_LARGE",
        t("The image is larger than the {{max}} bytes a download may bring", { max: String(max) }),
      );
    }
  };
  const flush = async () => {
    if (piece.filled === 0) return;
    const full = piece.buffer.subarray(0, piece.filled);
    piece.filled = 0;
    await onPiece?.(full);
    // The spare buffer is free once its write ended.
    if (sending) await sending;
    [piece.buffer, spare] = [spare, piece.buffer];
    sending = sink.write(full);
    // Awaited before the next piece or at the end; never an unhandled rejection meanwhile.
    sending.catch(() => {});
  };
  const byob = byobReader(bytes);
  if (byob) {
    try {
      for (;;) {
        if (signal.aborted) throw signal.reason;
        // The read hands the buffer back as a new view of the same memory.
        const { done, value } = await byob.read(piece.buffer.subarray(piece.filled));
        if (value) piece.buffer = new Uint8Array(value.buffer as ArrayBuffer);
        if (done) break;
        count(value!.length);
        piece.filled += value!.length;
        if (piece.filled === piece.buffer.length) await flush();
      }
    } finally {
      byob.releaseLock();
    }
  } else {
    for await (const chunk of bytes) {
      if (signal.aborted) throw signal.reason;
      count(chunk.length);
      await gatherInto(piece, chunk, flush);
    }
  }
  await flush();
  if (sending) await sending;
}

/** A BYOB reader of `bytes` when it is a byte stream, else null. */
function byobReader(bytes: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return bytes.getReader({ mode: "byob" });
  } catch {
    return null;
  }
}

/** A response's text, or null past `max` bytes. */
export async function readText(response: Response, max: number): Promise<string | null> {
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for await (const chunk of response.body ?? new ReadableStream<Uint8Array>()) {
    size += chunk.length;
    if (size > max) return null;
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
