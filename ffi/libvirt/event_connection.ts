// A client's events connection, on the main thread: opened off the JS thread, with keepalive,
// the close callback and the domain lifecycle, pool and network events delivered to handlers in
// this isolate by the process's one event loop (event_loop.ts). No worker isolate of its own.

import { Connection } from "./connection.ts";
import { afterThisIteration } from "./event_loop.ts";
import type { KeepAlive } from "./protocol.ts";

export interface EventHandlers {
  /** libvirt reported the connection closed (virConnectCloseReason). */
  closed(reason: number): void;
  lifecycle(uuid: string, name: string, event: number, detail: number): void;
  poolOrNetwork(kind: "pool" | "network", name: string): void;
}

/**
 * Opens `uri` for events. `inProcess`: a driver that runs in this process (libvirt's test
 * driver), opened right here so a failure carries libvirt's own words; others are opened off the
 * JS thread, since an open may wait on a remote host for seconds.
 */
export async function openEventConnection(
  uri: string,
  keepAlive: KeepAlive,
  handlers: EventHandlers,
  { inProcess }: { inProcess: boolean },
): Promise<Connection> {
  const conn = inProcess ? Connection.open(uri) : await Connection.openAsync(uri);
  try {
    try {
      conn.setKeepAlive(keepAlive.intervalSeconds, keepAlive.count);
    } catch {
      // Local drivers such as test:/// have no keepalive; nothing to keep alive there.
    }
    await conn.onClose((reason) => handlers.closed(reason));
    await conn.onDomainLifecycle(handlers.lifecycle);
    try {
      await conn.onPoolAndNetworkEvents(handlers.poolOrNetwork);
    } catch {
      // Drivers without storage or network events still give domain events.
    }
  } catch (err) {
    await closeEventConnection(conn);
    throw err;
  }
  return conn;
}

/**
 * Deregisters and closes, off the JS thread. Never await it from inside the connection's own
 * close callback: libvirt holds a lock the close needs until that callback returns.
 */
export function closeEventConnection(conn: Connection): Promise<void> {
  return conn.closeAsync(afterThisIteration);
}
