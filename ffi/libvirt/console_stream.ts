// A domain's serial console as a non-blocking virStream (virDomainOpenConsole), used only on a
// console worker thread (ffi/libvirt/console_worker.ts). See
// https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainOpenConsole and
// https://libvirt.org/html/libvirt-libvirt-stream.html#virStreamRecv

import type { Domain } from "./domain.ts";
import { check, checkPointer, lastError } from "./error.ts";
import { EndsOnce } from "./stream.ts";
import { lv } from "./library.ts";

/** virDomainConsoleFlags. */
export const ConsoleFlags = {
  /** Take the console from whoever holds it; their stream fails. */
  FORCE: 1 << 0,
  /** Refuse (OPERATION_FAILED) while another stream holds the console, never share it. */
  SAFE: 1 << 1,
} as const;

/** virStreamFlags. */
const STREAM_NONBLOCK = 1 << 0;
/** What virStreamRecv and virStreamSend return on a non-blocking stream with nothing to do. */
const WOULD_BLOCK = -2;

/**
 * One open console stream. Non-blocking: libvirt's event loop (the events worker) moves bytes
 * between libvirtd and the stream's queue, and `read` only takes what has arrived, so the one
 * thread that owns the stream never waits inside libvirt and its last error stays its own.
 */
export class ConsoleStream extends EndsOnce {
  private constructor(handle: Deno.PointerObject) {
    super(handle);
  }

  /**
   * Opens the domain's first console (else its first serial port), as virsh console does.
   * Without `force`, a console held by another stream fails with OPERATION_FAILED.
   */
  static open(dom: Domain, { force }: { force: boolean }): ConsoleStream {
    // The domain's own connection, borrowed: the stream must live on the same one.
    const conn = checkPointer(lv().virDomainGetConnect(dom.rawHandle()), "virDomainGetConnect");
    const stream = new ConsoleStream(
      checkPointer(lv().virStreamNew(conn, STREAM_NONBLOCK), "virStreamNew"),
    );
    const flags = ConsoleFlags.SAFE | (force ? ConsoleFlags.FORCE : 0);
    if (lv().virDomainOpenConsole(dom.rawHandle(), null, stream.ptr, flags) < 0) {
      const err = lastError("virDomainOpenConsole failed");
      stream.end(); // never opened: nothing to finish or abort
      stream.free();
      throw err;
    }
    return stream;
  }

  /**
   * Copies what has arrived into `buf`: the byte count, null when nothing is waiting, 0 at the
   * end of the stream (the console closed, e.g. the VM stopped). Throws the stream's error.
   */
  read(buf: Uint8Array<ArrayBuffer>): number | null {
    const n = lv().virStreamRecv(this.ptr, buf, BigInt(buf.length));
    if (n === WOULD_BLOCK) return null;
    return check(n, "virStreamRecv");
  }

  /** Sends as much of `data` as the stream takes now; returns how many bytes that was. */
  write(data: Uint8Array<ArrayBuffer>): number {
    const n = lv().virStreamSend(this.ptr, data, BigInt(data.length));
    if (n === WOULD_BLOCK) return 0;
    return check(n, "virStreamSend");
  }

  /** virStreamFinish after the end of the stream; errors are of no use any more. */
  finish(): void {
    if (!this.end()) return;
    if (lv().virStreamFinish(this.ptr) < 0) lv().virResetLastError();
  }

  /** Aborts a stream still open, then frees it; safe to call twice. */
  override free(): void {
    try {
      if (!this.finished) this.abort();
    } catch { /* already freed */ }
    super.free();
  }
}
