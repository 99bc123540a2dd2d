// The one error path for libvirt: every failed call becomes a LibvirtError built from
// libvirt's per-thread last error (https://libvirt.org/html/libvirt-virterror.html).

import { lv, readString } from "./library.ts";

/** virErrorNumber values the rest of the program compares against. */
export const ErrorCode = {
  OK: 0,
  INTERNAL_ERROR: 1,
  NO_MEMORY: 2,
  NO_SUPPORT: 3,
  NO_CONNECT: 5,
  INVALID_CONN: 6,
  INVALID_ARG: 8,
  OPERATION_FAILED: 9,
  XML_ERROR: 27,
  XML_DETAIL: 35,
  DOM_EXIST: 28,
  NETWORK_EXIST: 36,
  OPERATION_DENIED: 29,
  SYSTEM_ERROR: 38,
  RPC: 39,
  NO_DOMAIN: 42,
  NO_NETWORK: 43,
  NO_NWFILTER: 62,
  NO_NODE_DEVICE: 51,
  AUTH_FAILED: 45,
  NO_STORAGE_POOL: 49,
  NO_STORAGE_VOL: 50,
  OPERATION_INVALID: 55,
  CONFIG_UNSUPPORTED: 67,
  OPERATION_TIMEOUT: 68,
  NO_DOMAIN_SNAPSHOT: 72,
  ARGUMENT_UNSUPPORTED: 74,
  AUTH_CANCELLED: 79,
  OPERATION_UNSUPPORTED: 84,
  AGENT_UNRESPONSIVE: 86,
  STORAGE_VOL_EXIST: 90,
  /** A guest CPU a host cannot give; the message names the missing features. */
  CPU_INCOMPATIBLE: 91,
  NO_DOMAIN_CHECKPOINT: 102,
  /** Ours, outside libvirt's range: a call got no answer within its deadline (LibvirtClient). */
  DEADLINE_EXCEEDED: -2,
} as const;

// virErrorDomain VIR_FROM_RPC: failures of the socket to libvirtd rather than of one call.
const FROM_RPC = 7;

/** A failed libvirt call: `code` and `domain` are libvirt's virErrorNumber and virErrorDomain. */
export class LibvirtError extends Error {
  override name = "LibvirtError";
  constructor(readonly code: number, readonly domain: number, message: string) {
    super(message);
  }
}

/**
 * True when `err` means the connection to libvirtd is gone (closed, refused, keepalive timed
 * out) rather than that one call failed.
 */
export function isConnectionLost(err: LibvirtError): boolean {
  return err.code === ErrorCode.NO_CONNECT || err.code === ErrorCode.INVALID_CONN ||
    (err.domain === FROM_RPC &&
      (err.code === ErrorCode.SYSTEM_ERROR || err.code === ErrorCode.RPC ||
        err.code === ErrorCode.INTERNAL_ERROR));
}

/**
 * The words of a failed connection open as they may be shown. libvirt's XML parse errors
 * (VIR_ERR_XML_DETAIL, "FILE:LINE: LIBXML2'S WORDS\nTHE LINE\n   ^") quote the file read, which for
 * a test:// node file is whatever file the URI names: only which file and line failed is kept.
 */
export function openFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (!(err instanceof LibvirtError) || err.code !== ErrorCode.XML_DETAIL) return err.message;
  const where = /^(.*?):(\d+): /.exec(err.message);
  return `${where ? `${where[1]}:${where[2]}: ` : ""}not well-formed XML`;
}

/**
 * Builds the error of the call that just failed on this thread. Must run right after the
 * failing call, on the same thread: libvirt keeps its last error per thread.
 */
export function lastError(fallback: string): LibvirtError {
  const err = lv().virGetLastError();
  if (!err) return new LibvirtError(ErrorCode.INTERNAL_ERROR, 0, fallback);
  const view = new Deno.UnsafePointerView(err);
  // virError: int code; int domain; char *message; ...
  const code = view.getInt32(0);
  const domain = view.getInt32(4);
  const message = readString(view.getPointer(8)) ?? fallback;
  lv().virResetLastError();
  return new LibvirtError(code, domain, message);
}

/** Throws the thread's last error when an int-returning libvirt call reports failure. */
export function check(result: number, what: string): number {
  if (result < 0) throw lastError(`${what} failed`);
  return result;
}

/** Throws the thread's last error when a pointer-returning libvirt call returned NULL. */
export function checkPointer(ptr: Deno.PointerValue, what: string): Deno.PointerObject {
  if (!ptr) throw lastError(`${what} failed`);
  return ptr;
}

// sizeof(virError) on 64-bit Linux is 80 bytes; room to spare.
const ERROR_SIZE = 128;

/**
 * The error libvirt recorded on connection `conn` for its last failed call: for calls made off
 * the JS thread (nonblocking), whose thread's own last error we cannot read. Exact while that
 * call is the connection's only one in flight (the events connection makes one at a time).
 */
export function connectionError(conn: Deno.PointerObject, fallback: string): LibvirtError {
  const buf = new Uint8Array(ERROR_SIZE);
  if (lv().virConnCopyLastError(conn, buf) <= 0) {
    return new LibvirtError(ErrorCode.INTERNAL_ERROR, 0, fallback);
  }
  const view = new DataView(buf.buffer);
  const code = view.getInt32(0, true);
  const domain = view.getInt32(4, true);
  const message = readString(Deno.UnsafePointer.create(view.getBigUint64(8, true))) ?? fallback;
  lv().virResetError(buf);
  return new LibvirtError(code, domain, message);
}
