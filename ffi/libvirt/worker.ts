// Entry point of a libvirt call worker: owns one connection and runs ops one at a time.

import { reply, runOp, WorkerConnection } from "./dispatch.ts";
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
      case "call":
        return runOp(conn.current, req.op, req.args);
    }
  });
  // Downloaded bytes move to the main thread instead of being copied.
  const value = answer.ok ? answer.value : null;
  self.postMessage(
    answer,
    value instanceof Uint8Array && value.buffer instanceof ArrayBuffer ? [value.buffer] : [],
  );
};
