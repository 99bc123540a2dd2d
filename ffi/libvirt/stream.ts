// The virStream wrapper: blocking streams for volume upload and download
// (https://libvirt.org/html/libvirt-libvirt-stream.html).

import { check } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv } from "./library.ts";

// libvirt's RPC messages carry at most 256 KiB of stream data each.
const CHUNK = 256 * 1024;

/**
 * A virStream reference that ends once: finished or aborted, never both and never twice (libvirt
 * refuses a second end, and its error then would stand as the thread's last). Volume streams and
 * console streams (console_stream.ts) end alike; how each finishes is its own.
 */
export abstract class EndsOnce extends LibvirtHandle {
  #ended = false;

  protected constructor(handle: Deno.PointerObject) {
    super(handle, "virStreamFree", true);
  }

  /** It finished or was aborted. */
  get finished(): boolean {
    return this.#ended;
  }

  /** Marks it ended; false when it already was, and the caller then does nothing. */
  protected end(): boolean {
    if (this.#ended) return false;
    this.#ended = true;
    return true;
  }

  /** virStreamAbort, once, when the stream did not end otherwise; its error is of no use. */
  abort(): void {
    if (!this.end()) return;
    lv().virStreamAbort(this.ptr);
    lv().virResetLastError();
  }
}

/** One libvirt stream. Used on a worker thread, where blocking is harmless. */
export class Stream extends EndsOnce {
  constructor(handle: Deno.PointerObject) {
    super(handle);
  }

  /** Sends every byte, then finishes the stream; aborts it on failure. */
  sendAll(data: Uint8Array<ArrayBuffer>): void {
    this.send(data);
    this.finish();
  }

  /** Sends every byte of `data`; aborts the stream on failure. */
  send(data: Uint8Array<ArrayBuffer>): void {
    try {
      for (let at = 0; at < data.length;) {
        const chunk = data.subarray(at, Math.min(at + CHUNK, data.length));
        at += check(lv().virStreamSend(this.ptr, chunk, BigInt(chunk.length)), "virStreamSend");
      }
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /**
   * Receives up to `max` bytes, fewer only at the end of the stream; an empty result means the
   * stream has ended and is finished. Aborts the stream on failure.
   */
  receive(max: number): Uint8Array<ArrayBuffer> {
    const buf = new Uint8Array(max);
    let filled = 0;
    try {
      while (filled < max) {
        const want = Math.min(CHUNK, max - filled);
        const got = check(
          lv().virStreamRecv(this.ptr, buf.subarray(filled, filled + want), BigInt(want)),
          "virStreamRecv",
        );
        if (got === 0) {
          this.finish();
          break;
        }
        filled += got;
      }
    } catch (err) {
      this.abort();
      throw err;
    }
    return filled === max ? buf : buf.slice(0, filled);
  }

  /** virStreamFinish: the transfer completed; libvirt reports a failure on its side here. */
  finish(): void {
    if (this.finished) return;
    try {
      check(lv().virStreamFinish(this.ptr), "virStreamFinish");
      this.end();
    } catch (err) {
      this.abort();
      throw err;
    }
  }
}
