// The virStream wrapper: blocking streams for volume upload and download
// (https://libvirt.org/html/libvirt-libvirt-stream.html).

import { check } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { lv } from "./library.ts";

// libvirt's RPC messages carry at most 256 KiB of stream data each.
const CHUNK = 256 * 1024;

/** One libvirt stream. Used on a worker thread, where blocking is harmless. */
export class Stream extends LibvirtHandle {
  #done = false;

  constructor(handle: Deno.PointerObject) {
    super(handle, "virStreamFree", true);
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
    if (this.#done) return;
    try {
      check(lv().virStreamFinish(this.ptr), "virStreamFinish");
      this.#done = true;
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** virStreamAbort, once, when the stream did not finish. */
  abort(): void {
    if (this.#done) return;
    this.#done = true;
    lv().virStreamAbort(this.ptr);
    lv().virResetLastError();
  }

  get finished(): boolean {
    return this.#done;
  }
}
