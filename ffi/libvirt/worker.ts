// Entry point of a libvirt call worker: runs ops one at a time, each on the connection its
// request hands over (the shared pool's workers serve every host this way), or on the one
// connection the worker owns (a transfer's).

import { Connection } from "./connection.ts";
import { openError, reply, runOp, WorkerConnection } from "./dispatch.ts";
import type { WorkerRequest } from "./protocol.ts";

declare const self: Worker;

const conn = new WorkerConnection();

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  const answer = reply(req.id, () => {
    switch (req.type) {
      case "connect":
        return conn.connect(req.uri, req.keepAlive);
      case "disconnect":
        return conn.disconnect();
      case "call": {
        if (req.conn === undefined) return runOp(conn.current, req.op, req.args);
        // Dropped as soon as the call returns: the host may close its connection any time.
        using on = Connection.adopt(req.conn);
        return runOp(on, req.op, req.args);
      }
      case "openError":
        return openError(req.uri);
    }
  });
  // Downloaded bytes move to the main thread instead of being copied.
  const value = answer.ok ? answer.value : null;
  self.postMessage(
    answer,
    value instanceof Uint8Array && value.buffer instanceof ArrayBuffer ? [value.buffer] : [],
  );
};
