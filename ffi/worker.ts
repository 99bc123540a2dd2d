// Entry point of a libvirt call worker: owns one connection and runs ops one at a time.

import { Connection } from "./connection.ts";
import { reply, runOp } from "./dispatch.ts";
import type { WorkerRequest } from "./protocol.ts";

declare const self: Worker;

let conn: Connection | null = null;

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  self.postMessage(reply(req.id, () => {
    switch (req.type) {
      case "connect":
        conn?.close();
        conn = null;
        conn = Connection.open(req.uri);
        return conn.getURI();
      case "disconnect":
        conn?.close();
        conn = null;
        return null;
      case "call":
        return runOp(conn, req.op, req.args);
    }
  }));
};
