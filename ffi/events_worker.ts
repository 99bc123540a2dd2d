// Entry point of the events worker: runs libvirt's default event loop and owns the
// connection that carries keepalive, the close callback and domain lifecycle events.
// See https://libvirt.org/html/libvirt-libvirt-event.html

import { Connection } from "./connection.ts";
import { LibvirtError } from "./error.ts";
import { lv } from "./library.ts";
import { reply, runOp } from "./dispatch.ts";
import type { EventCommand, EventMessage, WorkerRequest } from "./protocol.ts";

declare const self: Worker & { close(): void };

const post = (msg: EventMessage) => self.postMessage(msg);

// Silences libvirt's default handler, which prints every error to stderr. Errors still
// reach callers through virGetLastError. threadSafe: libvirt may call it from any thread.
const quietErrors = Deno.UnsafeCallback.threadSafe(
  { parameters: ["pointer", "pointer"], result: "void" } as const,
  () => {},
);
lv().virSetErrorFunc(null, quietErrors.pointer);

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

function connect(uri: string) {
  if (conn) retire(conn);
  conn = null;
  try {
    const c = Connection.open(uri);
    conn = c;
    c.onClose((reason) => {
      // libvirt's event thread waits inside its close dispatch until this returns, holding
      // the lock virConnectClose needs: close afterwards, never from inside the callback.
      if (conn === c) conn = null;
      afterIteration.push(() => retire(c));
      post({ type: "closed", reason });
    });
    try {
      c.setKeepAlive(5, 3);
    } catch {
      // Local drivers such as test:/// have no keepalive; nothing to keep alive there.
    }
    c.onDomainLifecycle((uuid, name, event, detail) =>
      post({ type: "lifecycle", uuid, name, event, detail })
    );
    try {
      c.onPoolAndNetworkEvents((type, name) => post({ type, name }));
    } catch {
      // Drivers without storage or network events still give domain events.
    }
    post({ type: "connected", uri: c.getURI() });
  } catch (err) {
    const e = err instanceof LibvirtError ? err : new LibvirtError(-1, 0, String(err));
    post({ type: "connect-failed", code: e.code, domain: e.domain, message: e.message });
  }
}

// Calls arrive here too when the client shares this connection (see LibvirtClient).
self.onmessage = (e: MessageEvent<EventCommand | WorkerRequest>) => {
  const msg = e.data;
  if (msg.type === "call") self.postMessage(reply(msg.id, () => runOp(conn, msg.op, msg.args)));
  else if (msg.type === "connect") connect(msg.uri);
  else disconnect();
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
  post({ type: "disconnected" });
}

post({ type: "ready" });
