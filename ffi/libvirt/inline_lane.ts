// The call "lane" of a private test node (test:///PATH): every virConnectOpen of such a URI gets
// its own private state, so calls must use the one events connection, on the main thread. The
// test driver runs in this process and never waits on a daemon, so its calls run right here,
// one at a time, and each failure's error is this thread's own.

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

  send(body: RequestBody): Promise<unknown> {
    if (this.#closed) {
      return Promise.reject(new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed"));
    }
    if (body.type !== "call") return Promise.resolve(null);
    const answer = reply(0, () => runOp(this.conn(), body.op, body.args));
    return answer.ok
      ? Promise.resolve(answer.value)
      : Promise.reject(new LibvirtError(answer.code, answer.domain, answer.message));
  }

  idle(): Promise<void> {
    return Promise.resolve();
  }

  terminate(): void {
    this.#closed = true;
  }
}
