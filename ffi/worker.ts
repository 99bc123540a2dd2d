// Entry point of a libvirt call worker: owns one connection and runs ops one at a time.

import { Connection } from "./connection.ts";
import { ErrorCode, LibvirtError } from "./error.ts";
import { type OpName, ops } from "./ops.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";

declare const self: Worker & { close(): void };

let conn: Connection | null = null;

function run(req: WorkerRequest): unknown {
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
    case "call": {
      if (!conn?.isOpen) {
        throw new LibvirtError(ErrorCode.NO_CONNECT, 0, "not connected to libvirt");
      }
      const op = ops[req.op as OpName] as (c: Connection, ...a: unknown[]) => unknown;
      if (!op) throw new LibvirtError(ErrorCode.INVALID_ARG, 0, `unknown op ${req.op}`);
      return op(conn, ...req.args);
    }
  }
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  let reply: WorkerReply;
  try {
    reply = { id: req.id, ok: true, value: run(req) };
  } catch (err) {
    reply = err instanceof LibvirtError
      ? { id: req.id, ok: false, code: err.code, domain: err.domain, message: err.message }
      : { id: req.id, ok: false, code: -1, domain: 0, message: String(err) };
  }
  self.postMessage(reply);
};
