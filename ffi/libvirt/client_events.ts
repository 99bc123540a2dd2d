// A client's events, on the main thread: its events connection (event_connection.ts), opened
// again on each (re)connection, whose domain, pool and network events it dispatches on the
// client, and whose close it reports; and the client's share of the process's event loop.

import type { Connection } from "./connection.ts";
import { useEventLoop } from "./event_loop.ts";
import { closeEventConnection, openEventConnection } from "./event_connection.ts";
import type { LifecycleEvent } from "./client_types.ts";
import type { KeepAlive } from "./protocol.ts";

// virConnectCloseReason, in words (https://libvirt.org/html/libvirt-libvirt-host.html#virConnectCloseReason).
const CLOSE_REASONS = [
  "the connection to libvirtd failed",
  "libvirtd closed the connection (stopped or restarting)",
  "libvirtd stopped answering (keepalive timed out)",
];

export class ClientEvents {
  #conn: Connection | null = null;
  /** Lets the process's event loop stop once no client uses it. */
  #releaseLoop: (() => Promise<void>) | null = null;
  #closed = false;
  /** Bumped by each open: one that returns after a later one began closes what it got. */
  #opens = 0;

  /** `target` gets "lifecycle", "pool" and "network" events; `lost` hears of a close. */
  constructor(
    private readonly target: EventTarget,
    private readonly lost: (why: string) => void,
  ) {}

  /** The events connection now; null while there is none. */
  get connection(): Connection | null {
    return this.#conn;
  }

  /** Opens the events connection anew (after the call workers'), closing the one before. */
  async open(uri: string, keepAlive: KeepAlive): Promise<void> {
    const mine = ++this.#opens;
    const old = this.#conn;
    this.#conn = null;
    if (old) await closeEventConnection(old).catch(() => {});
    if (this.#closed) return;
    this.#releaseLoop ??= useEventLoop();
    const conn = await openEventConnection(uri, keepAlive, {
      closed: (reason) => {
        // libvirt's event thread waits inside its close dispatch until this returns, holding
        // the lock the close needs: the close goes on after it (it runs off the JS thread).
        if (conn !== this.#conn) return;
        this.#conn = null;
        closeEventConnection(conn).catch(() => {});
        this.lost(CLOSE_REASONS[reason] ?? "the connection to libvirtd was closed");
      },
      lifecycle: (uuid, name, event, detail) => {
        const detailOf: LifecycleEvent = { uuid, name, event, detail };
        // After the callback returns, so libvirt's event thread is not kept waiting.
        queueMicrotask(() =>
          this.target.dispatchEvent(new CustomEvent("lifecycle", { detail: detailOf }))
        );
      },
      poolOrNetwork: (kind, name) => {
        queueMicrotask(() => this.target.dispatchEvent(new CustomEvent(kind, { detail: name })));
      },
    }, { inProcess: uri.startsWith("test:") });
    if (this.#closed || mine !== this.#opens) {
      await closeEventConnection(conn).catch(() => {});
      return;
    }
    this.#conn = conn;
  }

  /** Closes the connection (waiting at most `waitMs` for libvirtd) and leaves the event loop. */
  async close(waitMs: number): Promise<void> {
    this.#closed = true;
    const conn = this.#conn;
    this.#conn = null;
    if (conn) await within(closeEventConnection(conn), waitMs);
    await this.#releaseLoop?.();
    this.#releaseLoop = null;
  }
}

/** Waits for `work` at most `ms` (it goes on after); never rejects. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    work.catch(() => {}),
    new Promise<void>((r) => timer = setTimeout(r, ms)),
  ]);
  clearTimeout(timer);
}
