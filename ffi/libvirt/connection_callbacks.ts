// The callbacks one connection registers with libvirt (close, domain lifecycle, pool and
// network events): their trampolines, their registration ids, and the order they are undone in.
// Kept apart from connection.ts because their lifetime outlasts the connection's handle. The
// (de)registrations are calls to libvirtd, made off the JS thread: a failure's error is read
// from the connection, which makes no other call (its host's calls have connections of their
// own: call_connections.ts).

import { Domain } from "./domain.ts";
import { connectionError } from "./error.ts";
import { lv, readString } from "./library.ts";

type EventDeregister =
  | "virConnectDomainEventDeregisterAny"
  | "virConnectStoragePoolEventDeregisterAny"
  | "virConnectNetworkEventDeregisterAny";

export type LifecycleHandler = (uuid: string, name: string, event: number, detail: number) => void;

/**
 * The callbacks registered on one connection. `deregister()` undoes the registrations while the
 * connection is still open; `release()` frees the trampolines once nothing can call them.
 */
export class ConnectionCallbacks {
  #callbacks: { close(): void }[] = [];
  /** Registered event callbacks with the function that deregisters each. */
  #eventIds: { id: number; deregister: EventDeregister }[] = [];
  #closeCallback: { close(): void; pointer: Deno.PointerObject } | null = null;

  /**
   * virConnectRegisterCloseCallback, off the JS thread: on a remote connection it is a call to
   * libvirtd, and one that does not answer held the whole server (a host behind a socket that
   * stopped answering after the open: tests/stalled_open_test.ts). `onClose` runs on this
   * thread when libvirt reports the connection closed (reason: virConnectCloseReason).
   */
  async onClose(conn: Deno.PointerObject, onClose: (reason: number) => void): Promise<void> {
    const cb = Deno.UnsafeCallback.threadSafe(
      { parameters: ["pointer", "i32", "pointer"], result: "void" } as const,
      (_conn, reason) => onClose(reason),
    );
    this.#closeCallback = cb;
    await registered(
      conn,
      () => lv().virConnectRegisterCloseCallback(conn, cb.pointer, null, null),
      "virConnectRegisterCloseCallback",
    );
  }

  /** Registers for VIR_DOMAIN_EVENT_ID_LIFECYCLE on every domain. */
  async onDomainLifecycle(conn: Deno.PointerObject, handler: LifecycleHandler): Promise<void> {
    const cb = Deno.UnsafeCallback.threadSafe(
      {
        parameters: ["pointer", "pointer", "i32", "i32", "pointer"],
        result: "i32",
      } as const,
      (_conn, dom, event, detail) => {
        // The domain pointer is only valid during the callback: copy what we need now.
        const d = Domain.borrow(dom!);
        handler(d.getUUIDString(), d.getName(), event, detail);
        return 0;
      },
    );
    this.#callbacks.push(cb);
    const id = await registered(
      conn,
      () => lv().virConnectDomainEventRegisterAny(conn, null, 0, cb.pointer, null, null),
      "virConnectDomainEventRegisterAny",
    );
    this.#eventIds.push({ id, deregister: "virConnectDomainEventDeregisterAny" });
  }

  /**
   * Registers for storage pool lifecycle and refresh events, and network lifecycle events:
   * `handler` gets the kind and the object's name (pages re-read what they show).
   */
  async onPoolAndNetworkEvents(
    conn: Deno.PointerObject,
    handler: (kind: "pool" | "network", name: string) => void,
  ): Promise<void> {
    const signature = {
      parameters: ["pointer", "pointer", "i32", "i32", "pointer"],
      result: "void",
    } as const;
    const poolCb = Deno.UnsafeCallback.threadSafe(signature, (_conn, pool) => {
      // The pool pointer is only valid during the callback, and its name is owned by it.
      handler("pool", readString(lv().virStoragePoolGetName(pool)) ?? "");
    });
    const netCb = Deno.UnsafeCallback.threadSafe(signature, (_conn, net) => {
      handler("network", readString(lv().virNetworkGetName(net)) ?? "");
    });
    this.#callbacks.push(poolCb, netCb);
    // VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE = 0, _REFRESH = 1; VIR_NETWORK_EVENT_ID_LIFECYCLE = 0.
    for (const eventId of [0, 1]) {
      const id = await registered(
        conn,
        () =>
          lv().virConnectStoragePoolEventRegisterAny(
            conn,
            null,
            eventId,
            poolCb.pointer,
            null,
            null,
          ),
        "virConnectStoragePoolEventRegisterAny",
      );
      this.#eventIds.push({ id, deregister: "virConnectStoragePoolEventDeregisterAny" });
    }
    const id = await registered(
      conn,
      () => lv().virConnectNetworkEventRegisterAny(conn, null, 0, netCb.pointer, null, null),
      "virConnectNetworkEventRegisterAny",
    );
    this.#eventIds.push({ id, deregister: "virConnectNetworkEventDeregisterAny" });
  }

  /** Whether any callback was registered (such a connection closes with closeAsync). */
  get registered(): boolean {
    return this.#callbacks.length > 0 || this.#closeCallback !== null;
  }

  /** Deregisters every event and the close callback from `conn`, which is about to close. */
  async deregister(conn: Deno.PointerObject): Promise<void> {
    const ids = this.#eventIds;
    this.#eventIds = [];
    for (const { id, deregister } of ids) await lv()[deregister](conn, id);
    if (this.#closeCallback) {
      // Off the JS thread: while libvirt dispatches the close callback it holds the lock this
      // needs, and the callback waits for the JS thread.
      await lv().virConnectUnregisterCloseCallback(conn, this.#closeCallback.pointer);
    }
  }

  /** Frees the trampolines; only once the connection is closed. Safe to call twice. */
  release(): void {
    for (const cb of this.#callbacks) cb.close();
    this.#closeCallback?.close();
    this.#callbacks = [];
    this.#closeCallback = null;
  }
}

/** A registration's id; its failure as libvirt recorded it on the connection. */
async function registered(
  conn: Deno.PointerObject,
  call: () => Promise<number>,
  what: string,
): Promise<number> {
  lv().virConnResetLastError(conn);
  const id = await call();
  if (id < 0) throw connectionError(conn, `${what} failed`);
  return id;
}
