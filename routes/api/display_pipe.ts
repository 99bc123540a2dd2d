// The console proxies' pipe (routes/api/vnc.ts, routes/api/spice.ts): a browser's WebSocket and
// the VM's display connection, bytes copied both ways until either side ends.

import type { DisplayConn } from "../../lib/consoles/display_conn.ts";
import { overLimit } from "./socket_limit.ts";

/** RFC 6455 §7.4.1: the message broke the endpoint's rules. */
export const POLICY_VIOLATION = 1008;

/**
 * Copies bytes both ways until either side closes, then closes both. `limit`: the largest
 * message the browser may send. `first`: checks the browser's first message before anything of
 * it reaches the display; its words (null: fine) close the socket with 1008 instead. `closed`
 * runs once, when both are closed.
 */
export function pipe(
  socket: WebSocket,
  display: DisplayConn,
  { limit, first, closed }: {
    limit: number;
    first?: (data: Uint8Array) => string | null;
    closed?: () => void;
  },
) {
  let ended = false;
  let checked = !first;
  const closeBoth = (code?: number, reason?: string) => {
    if (ended) return;
    ended = true;
    try {
      display.close();
    } catch { /* already closed */ }
    if (socket.readyState <= WebSocket.OPEN) socket.close(code, reason);
    closed?.();
  };
  const writer = display.writable.getWriter();
  socket.onmessage = (e) => {
    if (overLimit(socket, e.data, limit)) return;
    const data = typeof e.data === "string"
      ? new TextEncoder().encode(e.data)
      : new Uint8Array(e.data);
    if (!checked) {
      checked = true;
      const refusal = first!(data);
      if (refusal !== null) return closeBoth(POLICY_VIOLATION, refusal);
    }
    writer.write(data).catch(() => closeBoth());
  };
  socket.onclose = () => closeBoth();
  socket.onerror = () => closeBoth();
  socket.onopen = async () => {
    try {
      for await (const chunk of display.readable) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(chunk);
      }
    } catch { /* the VM's display went away */ }
    closeBoth();
  };
}
