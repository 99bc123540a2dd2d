// One bound for what a browser may send over a console WebSocket in one message: a larger one
// closes the socket with 1009 ("message too big", RFC 6455 §7.4.1) so the client learns why and
// nothing of it reaches the VM. Deno has already assembled the message by then (up to its own 64
// MiB, past which it drops the connection without a close code), and only a signed-in caller
// with a console ticket gets this far.

import { bytesInWords } from "../middleware/body_limit.ts";
import { t } from "../../shared/i18n/t.ts";

/** The close code for a message larger than the endpoint takes. */
export const MESSAGE_TOO_BIG = 1009;

/** The size of a WebSocket message: bytes for binary, characters for text. */
function sizeOf(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof data === "string") return data.length;
  if (data instanceof Blob) return data.size;
  return 0;
}

/**
 * True when `data` is over `limit` bytes; the socket is then closed with 1009 and the message
 * must be dropped.
 */
export function overLimit(socket: WebSocket, data: unknown, limit: number): boolean {
  if (sizeOf(data) <= limit) return false;
  if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
    socket.close(
      MESSAGE_TOO_BIG,
      t("A message may carry at most {{size}}", { size: bytesInWords(limit) }),
    );
  }
  return true;
}
