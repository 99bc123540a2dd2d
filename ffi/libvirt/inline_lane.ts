// The call "lane" of a private test node (test:///PATH): every virConnectOpen of such a URI gets
// its own private state, so calls must use the one events connection, on the main thread. The
// test driver runs in this process and never waits on a daemon, so its calls run right here,
// one at a time, and each failure's error is this thread's own. Work made of nonblocking calls
// (run(), off_thread.ts) has the connection to itself: calls sent meanwhile wait for it.

import { reply, runOp } from "./dispatch.ts";
import type { Connection } from "./connection.ts";
import { ErrorCode, LibvirtError } from "./error.ts";
import type { RequestBody } from "./lane.ts";

export class InlineLane {
  readonly stuck = false;
  readonly long = false;
  readonly busy = 0;
  #closed = false;

  /** `conn`: the events connection now (null while there is none). */
  constructor(private readonly conn: () => Connection | null) {}

  /** Nonblocking work under way (run()), which the calls after it wait for. */
  #offThread: Promise<unknown> | null = null;

  send(body: RequestBody): Promise<unknown> {
    if (this.#offThread) return this.#after(() => this.send(body));
    if (this.#closed) {
      return Promise.reject(new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed"));
    }
    if (body.type !== "call") return Promise.resolve(null);
    const answer = reply(0, () => runOp(this.conn(), body.op, body.args));
    return answer.ok
      ? Promise.resolve(answer.value)
      : Promise.reject(new LibvirtError(answer.code, answer.domain, answer.message));
  }

  /** Runs `work` (nonblocking calls on the connection) with the connection to itself. */
  run<T>(work: (conn: Connection) => Promise<T>): Promise<T> {
    if (this.#offThread) return this.#after(() => this.run(work));
    const conn = this.conn();
    if (this.#closed || !conn?.isOpen) {
      return Promise.reject(new LibvirtError(ErrorCode.NO_CONNECT, 0, "not connected to libvirt"));
    }
    const running = work(conn);
    const mine = running.then(() => {}, () => {}).finally(() => {
      if (this.#offThread === mine) this.#offThread = null;
    });
    this.#offThread = mine;
    return running;
  }

  async #after<T>(next: () => Promise<T>): Promise<T> {
    while (this.#offThread) await this.#offThread;
    return await next();
  }

  /** Resolves once no nonblocking work is under way: libvirt no longer uses the connection. */
  async idle(): Promise<void> {
    while (this.#offThread) await this.#offThread;
  }

  terminate(): void {
    this.#closed = true;
  }
}
