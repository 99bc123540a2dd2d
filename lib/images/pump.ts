// The byte pumps of a download: the server's stream into a volume sink in UPLOAD_CHUNK pieces
// (two buffers taking turns, so the network and the disk or libvirt overlap), and a small text
// answer (a sums file) read with a cap.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { VolumeSink } from "./volume_sink.ts";

/** Bytes per write (or trip to libvirt's upload stream); two pieces are held at most. */
export const UPLOAD_CHUNK = 1024 * 1024;

/**
 * The stream's bytes to the upload in UPLOAD_CHUNK pieces, at most `max` of them. One piece is
 * in libvirt's hands while the next is read (and hashed): the network and the upload stream
 * overlap instead of taking turns, and at most two pieces are held.
 */
export async function pump(
  bytes: ReadableStream<Uint8Array>,
  sink: VolumeSink,
  max: number,
  signal: AbortSignal,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<void> {
  // Two buffers in turn: one being written while the other fills.
  const buffers = [new Uint8Array(UPLOAD_CHUNK), new Uint8Array(UPLOAD_CHUNK)];
  let buffer = buffers[0];
  let filled = 0;
  let total = 0;
  let sending: Promise<unknown> | null = null;
  const flush = async () => {
    if (filled === 0) return;
    const piece = filled === buffer.length ? buffer : buffer.subarray(0, filled);
    filled = 0;
    // The other buffer is free once its write ended.
    if (sending) await sending;
    buffer = buffer === buffers[0] ? buffers[1] : buffers[0];
    sending = sink.write(piece);
    // Awaited before the next piece or at the end; never an unhandled rejection meanwhile.
    sending.catch(() => {});
  };
  for await (const chunk of bytes) {
    if (signal.aborted) throw signal.reason;
    onChunk?.(chunk);
    total += chunk.length;
    if (total > max) {
      throw new AppError(
        "FILE_TOO_LARGE",
        t("The image is larger than the {{max}} bytes a download may bring", { max: String(max) }),
      );
    }
    for (let at = 0; at < chunk.length;) {
      const n = Math.min(chunk.length - at, buffer.length - filled);
      buffer.set(chunk.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === buffer.length) await flush();
    }
  }
  await flush();
  if (sending) await sending;
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
