// Entry point of a libvirt call worker: owns one connection and runs ops one at a time.

import type { Connection } from "./connection.ts";
import { openConnection, reply, runOp } from "./dispatch.ts";
import type { WorkerRequest } from "./protocol.ts";

declare const self: Worker;

let conn: Connection | null = null;

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  const answer = reply(req.id, () => {
    switch (req.type) {
      case "connect":
        conn?.close();
        conn = null;
        conn = openConnection(req.uri, req.keepAlive);
        return conn.getURI();
      case "disconnect":
        conn?.close();
        conn = null;
        return null;
      case "call":
        return runOp(conn, req.op, req.args);
    }
  });
  // Downloaded bytes move to the main thread instead of being copied.
  const value = answer.ok ? answer.value : null;
  self.postMessage(
    answer,
    value instanceof Uint8Array && value.buffer instanceof ArrayBuffer ? [value.buffer] : [],
  );
};
