// The virStream wrapper: a blocking stream for volume uploads (https://libvirt.org/html/libvirt-libvirt-stream.html).

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
    try {
      for (let at = 0; at < data.length;) {
        const chunk = data.subarray(at, Math.min(at + CHUNK, data.length));
        const sent = check(
          lv().virStreamSend(this.ptr, chunk, BigInt(chunk.length)),
          "virStreamSend",
        );
        at += sent;
      }
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
  }
}
