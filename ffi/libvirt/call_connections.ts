// A host's connections for calls. Each carries one call at a time: several calls at once on one
// remote connection crashed inside libvirt's client (a SIGSEGV in its I/O loop) when keepalive
// closed the connection under them, while one call per connection is what libvirt has always
// been used with here. They are opened on demand off the JS thread, up to a bound; one whose
// call is stuck inside libvirt stays busy until libvirt returns, and the others serve meanwhile.
// A connection costs no thread: the calls run on the process's shared workers (call_pool.ts).

import { Connection, OpenedOffThread } from "./connection.ts";
import { ErrorCode, LibvirtError } from "./error.ts";
import { notFree } from "./lane.ts";
import type { KeepAlive } from "./protocol.ts";

interface Waiter {
  give(conn: Connection): void;
  fail(err: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

export class CallConnections {
  #idle: Connection[] = [];
  /** Connections open, busy or being opened. */
  #count = 0;
  #opening = false;
  #waiters: Waiter[] = [];
  /** Bumped by reset(): a connection of an older generation is closed when its call returns. */
  #generation = 0;
  #generationOf = new WeakMap<Connection, number>();
  #closed = false;

  constructor(
    private readonly uri: string,
    private readonly keepAlive: KeepAlive,
    private readonly max: number,
    /** libvirt's words for why `uri` does not open (an open off the JS thread has none). */
    private readonly explain: () => Promise<LibvirtError>,
  ) {}

  /** Connections open now (idle and busy). */
  get size(): number {
    return this.#count;
  }

  /**
   * Drops every connection (after a loss) and opens one; throws libvirt's words on failure. An
   * open that returns after a later prime or reset (its connect was given up) closes what it got.
   */
  async prime(): Promise<void> {
    this.reset();
    const generation = this.#generation;
    this.#count++;
    let conn: Connection;
    try {
      conn = await this.#openOne();
    } catch (err) {
      this.#count--;
      throw err;
    }
    if (this.#closed || generation !== this.#generation) {
      this.#count--;
      closeQuietly(conn);
      return;
    }
    this.#give(conn);
  }

  /**
   * A connection for one call: an idle one, else one opened for it (or freed meanwhile); after
   * `waitMs` without one, NotStarted "wait". Give it back with release().
   */
  acquire(op: string, waitMs: number): Promise<Connection> {
    if (this.#closed) {
      return Promise.reject(new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed"));
    }
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        give: resolve,
        fail: reject,
        timer: setTimeout(() => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(notFree(op, waitMs));
        }, waitMs),
      };
      this.#waiters.push(waiter);
      this.#grow();
    });
  }

  /** Gives a connection back once libvirt has returned from its call. */
  release(conn: Connection): void {
    if (this.#closed || this.#generationOf.get(conn) !== this.#generation) {
      this.#count--;
      closeQuietly(conn);
      return;
    }
    this.#give(conn);
  }

  /** Closes the idle connections; busy ones close when their calls return. */
  reset(): void {
    this.#generation++;
    this.#count -= this.#idle.length;
    for (const conn of this.#idle.splice(0)) closeQuietly(conn);
  }

  /** Closes everything; waiting calls reject. */
  close(): void {
    this.#closed = true;
    this.reset();
    const closed = new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed");
    for (const waiter of this.#waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.fail(closed);
    }
  }

  #give(conn: Connection) {
    const waiter = this.#waiters.shift();
    if (!waiter) return void this.#idle.push(conn);
    clearTimeout(waiter.timer);
    waiter.give(conn);
  }

  /** Opens one more connection for the waiting calls when there is room (one open at a time). */
  #grow() {
    if (this.#opening || this.#closed || this.#count >= this.max) return;
    this.#opening = true;
    this.#count++;
    const generation = this.#generation;
    this.#openOne().then(
      (conn) => {
        if (this.#closed || generation !== this.#generation) {
          this.#count--;
          closeQuietly(conn);
        } else this.#give(conn);
      },
      () => {
        // The waiting calls wait on for a busy connection to come back, up to their bound.
        this.#count--;
      },
    ).finally(() => {
      this.#opening = false;
      if (this.#waiters.length) this.#grow();
    });
  }

  /** Opens `uri` off the JS thread with keepalive; an open that fails throws libvirt's words. */
  async #openOne(): Promise<Connection> {
    let conn: Connection;
    try {
      conn = await Connection.openAsync(this.uri);
    } catch (err) {
      throw err instanceof OpenedOffThread ? await this.explain() : err;
    }
    try {
      conn.setKeepAlive(this.keepAlive.intervalSeconds, this.keepAlive.count);
    } catch {
      // Local drivers such as test:/// have no keepalive; nothing to keep alive there.
    }
    this.#generationOf.set(conn, this.#generation);
    return conn;
  }
}

/** Closes off the JS thread (a remote close is a call to libvirtd); never rejects. */
function closeQuietly(conn: Connection): void {
  conn.closeAsync((job) => job()).catch(() => {});
}
