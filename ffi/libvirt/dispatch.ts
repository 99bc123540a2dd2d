// Runs one call request against a connection and builds the reply; shared by the call workers
// and by a private test node's calls on the main thread (inline_lane.ts).

import { Connection } from "./connection.ts";
import { ErrorCode, LibvirtError } from "./error.ts";
import { type OpName, ops } from "./ops.ts";
import type { KeepAlive, WorkerReply } from "./protocol.ts";

/** Runs `fn` and turns its result or LibvirtError into a reply for request `id`. */
export function reply(id: number, fn: () => unknown): WorkerReply {
  try {
    return { id, ok: true, value: fn() };
  } catch (err) {
    return err instanceof LibvirtError
      ? { id, ok: false, code: err.code, domain: err.domain, message: err.message }
      : { id, ok: false, code: -1, domain: 0, message: String(err) };
  }
}

/**
 * Opens `uri` with keepalive on, so a call to a libvirtd that stopped answering (SIGSTOP, a hung
 * host) fails after about interval × (count + 1) seconds instead of waiting forever. Needs the
 * process's event loop running (ffi/libvirt/event_loop.ts). https://libvirt.org/html/libvirt-libvirt-host.html#virConnectSetKeepAlive
 */
export function openConnection(uri: string, keepAlive: KeepAlive): Connection {
  const conn = Connection.open(uri);
  try {
    conn.setKeepAlive(keepAlive.intervalSeconds, keepAlive.count);
  } catch {
    // Local drivers such as test:/// have no keepalive; nothing to keep alive there.
  }
  return conn;
}

/** The one connection a worker owns, (re)opened and closed as the main thread asks. */
export class WorkerConnection {
  current: Connection | null = null;

  /** Closes any connection before opening `uri`; answers the URI libvirt opened. */
  connect(uri: string, keepAlive: KeepAlive): string {
    this.disconnect();
    this.current = openConnection(uri, keepAlive);
    return this.current.getURI();
  }

  disconnect(): null {
    this.current?.close();
    this.current = null;
    return null;
  }
}

/**
 * Opens `uri` here only for libvirt's words on why it cannot be opened (an open made off the JS
 * thread has no thread of ours to read them from); throws them. One that opens now is closed.
 */
export function openError(uri: string): never {
  Connection.open(uri).close();
  throw new LibvirtError(ErrorCode.NO_CONNECT, 0, `libvirt could not open ${uri} (it opens now)`);
}

/** Runs op `name` on `conn`; NO_CONNECT when there is no open, live connection. */
export function runOp(conn: Connection | null, name: string, args: unknown[]): unknown {
  if (!conn?.isOpen) throw new LibvirtError(ErrorCode.NO_CONNECT, 0, "not connected to libvirt");
  // No RPC: libvirt marks the connection dead when libvirtd closed it or keepalive gave up.
  if (!conn.isAlive()) {
    throw new LibvirtError(ErrorCode.NO_CONNECT, 0, "the connection to libvirtd was lost");
  }
  const op = ops[name as OpName] as ((c: Connection, ...a: unknown[]) => unknown) | undefined;
  if (!op) throw new LibvirtError(ErrorCode.INVALID_ARG, 0, `unknown op ${name}`);
  return op(conn, ...args);
}
