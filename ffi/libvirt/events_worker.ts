// Entry point of the events worker: runs libvirt's default event loop and owns the
// connection that carries keepalive, the close callback and domain lifecycle events.
// See https://libvirt.org/html/libvirt-libvirt-event.html

import type { Connection } from "./connection.ts";
import { lv } from "./library.ts";
import { openConnection, reply, runOp } from "./dispatch.ts";
import type { EventMessage, KeepAlive, WorkerRequest } from "./protocol.ts";

declare const self: Worker & { close(): void };

const post = (msg: EventMessage) => self.postMessage(msg);

// Must precede every virConnectOpen in the process so remote connections get keepalive.
if (lv().virEventRegisterDefaultImpl() < 0) throw new Error("virEventRegisterDefaultImpl failed");

let conn: Connection | null = null;
let stopped = false;
// Work that must wait until the event-loop iteration in flight has returned.
const afterIteration: (() => void)[] = [];

async function runEventLoop() {
  while (!stopped) {
    await lv().virEventRunDefaultImpl();
    for (const job of afterIteration.splice(0)) job();
  }
}

const loopDone = runEventLoop();

/**
 * Closes a connection from outside libvirt's callbacks. Its callback trampolines are freed
 * only after the current iteration returns: that iteration may be inside one of them, and
 * an iteration that outlived this worker would wait forever on its callback and hold
 * libvirt's process-wide event loop with it.
 */
function retire(c: Connection) {
  c.close({ keepCallbacks: true });
  afterIteration.push(() => c.releaseCallbacks());
}

/** Opens `uri` with keepalive, the close callback and every event callback; returns its URI. */
function connect(uri: string, keepAlive: KeepAlive): string {
  if (conn) retire(conn);
  conn = null;
  const c = openConnection(uri, keepAlive);
  try {
    c.onClose((reason) => {
      // libvirt's event thread waits inside its close dispatch until this returns, holding
      // the lock virConnectClose needs: close afterwards, never from inside the callback.
      afterIteration.push(() => retire(c));
      // A connection already replaced is no news.
      if (conn !== c) return;
      conn = null;
      post({ type: "closed", reason });
    });
    c.onDomainLifecycle((uuid, name, event, detail) =>
      post({ type: "lifecycle", uuid, name, event, detail })
    );
    try {
      c.onPoolAndNetworkEvents((type, name) => post({ type, name }));
    } catch {
      // Drivers without storage or network events still give domain events.
    }
  } catch (err) {
    retire(c);
    throw err;
  }
  conn = c;
  return c.getURI();
}

// Calls arrive here too when the client shares this connection (see LibvirtClient).
self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  if (msg.type === "disconnect") {
    await disconnect();
    self.postMessage(reply(msg.id, () => null));
    return;
  }
  self.postMessage(reply(msg.id, () => {
    if (msg.type === "connect") return connect(msg.uri, msg.keepAlive);
    return runOp(conn, msg.op, msg.args);
  }));
};

async function disconnect() {
  stopped = true;
  if (conn) retire(conn);
  conn = null;
  // Closing removes libvirt's event sources, which wakes the loop; the timeout only guards
  // against a loop that stays asleep, and then the trampolines are left alive, not freed.
  const finished = await Promise.race([
    loopDone.then(() => true),
    new Promise<false>((r) => setTimeout(() => r(false), 1000)),
  ]);
  if (finished) { for (const job of afterIteration.splice(0)) job(); }
}

post({ type: "ready" });
