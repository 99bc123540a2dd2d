// The main thread's handle on one serial console session: a worker thread with a connection of
// its own (ffi/libvirt/console_worker.ts) holds the console stream, so reading it never waits on the
// thread that serves HTTP and never queues other libvirt calls. Open it with
// LibvirtClient.openConsole.

import type { ConsoleEnd, ConsoleMessage, ConsoleOp } from "./console_protocol.ts";
import { ErrorCode, LibvirtError } from "./error.ts";
import { Lane } from "./lane.ts";
import type { KeepAlive, WorkerReply } from "./protocol.ts";
import { workerUrl } from "../worker_url.ts";

export type { ConsoleEnd } from "./console_protocol.ts";

// How long close() lets the worker abort its stream and close its connection.
const CLOSE_WAIT_MS = 2000;
// virErrorDomain VIR_FROM_STREAMS.
const FROM_STREAMS = 38;

/**
 * True when a console stream ended because another client opened the console with FORCE:
 * libvirtd aborts the previous holder's stream (virChrdevOpen), which its client sees as
 * VIR_ERR_RPC from VIR_FROM_STREAMS ("stream had I/O failure") while the domain runs on. A VM
 * that stops ends the stream cleanly instead ("eof").
 */
export function isTakeOver(end: ConsoleEnd): boolean {
  return end.reason === "error" && end.code === ErrorCode.RPC && end.domain === FROM_STREAMS &&
    end.domainActive;
}

/** What opening a console needs from the client: its connection settings and deadline. */
export interface ConsoleOpenRequest {
  connect: { type: "connect"; uri: string; keepAlive: KeepAlive };
  /** The domain's UUID (or name). */
  id: string;
  /** Take the console over from whoever holds it. */
  force: boolean;
  /** Deadline of each request to the worker (connect, open, each write). */
  deadlineMs: number;
}

/**
 * One open console: `output` carries what the guest prints, `write` types into it, `ended`
 * settles once when it is over, however that came about. Close it when done.
 */
export class ConsoleSession {
  /** The guest's output, in order; closes when the session ends. */
  readonly output: ReadableStream<Uint8Array<ArrayBuffer>>;
  /** How the session ended: the stream's end or failure as libvirt said, or "closed" by us. */
  readonly ended: Promise<ConsoleEnd>;
  #lane: Lane;
  #deadlineMs: number;
  #output!: ReadableStreamDefaultController<Uint8Array<ArrayBuffer>>;
  #settle!: (end: ConsoleEnd) => void;
  #over = false;
  #disposed: Promise<void> | null = null;

  private constructor(lane: Lane, deadlineMs: number) {
    this.#lane = lane;
    this.#deadlineMs = deadlineMs;
    this.ended = new Promise((resolve) => this.#settle = resolve);
    this.output = new ReadableStream({
      start: (controller) => {
        this.#output = controller;
      },
      cancel: () => this.close(),
    });
    lane.worker.onmessage = (e: MessageEvent<ConsoleMessage | WorkerReply>) => {
      const msg = e.data;
      if ("ok" in msg) return lane.settle(msg);
      if (msg.type === "output") {
        if (!this.#over) this.#output.enqueue(msg.data);
      } else {
        this.#finish(msg.end);
      }
    };
  }

  /**
   * Starts a console worker, connects it and opens the domain's console. Rejects with
   * libvirt's error (OPERATION_FAILED while another client holds the console and `force` is
   * false; NO_SUPPORT on drivers without consoles), after stopping the worker.
   */
  static async open(
    { connect, id, force, deadlineMs }: ConsoleOpenRequest,
  ): Promise<ConsoleSession> {
    const lane = new Lane(
      new Worker(workerUrl(import.meta.url, "ffi/libvirt/console_worker.ts"), { type: "module" }),
    );
    const session = new ConsoleSession(lane, deadlineMs);
    try {
      await lane.send(connect, deadlineMs);
      await session.#call("consoleOpen", [id, force]);
    } catch (err) {
      await session.close();
      throw err;
    }
    return session;
  }

  /** Types `data` into the console (a copy is sent); a failure ends the session. */
  write(data: Uint8Array): void {
    if (this.#over || data.length === 0) return;
    this.#call("consoleWrite", [new Uint8Array(data)]).catch((err) => {
      if (err instanceof LibvirtError) {
        this.#finish({
          reason: "error",
          code: err.code,
          domain: err.domain,
          message: err.message,
          domainActive: false,
        });
      }
    });
  }

  /** Ends the session (aborting the stream) and stops its worker; safe to call twice. */
  close(): Promise<void> {
    this.#finish({ reason: "closed" });
    return this.#dispose();
  }

  #call(op: ConsoleOp, args: unknown[]): Promise<unknown> {
    return this.#lane.send({ type: "call", op, args }, this.#deadlineMs);
  }

  /** Settles `ended` once, closes `output` and lets the worker go. */
  #finish(end: ConsoleEnd) {
    if (this.#over) return;
    this.#over = true;
    this.#settle(end);
    try {
      this.#output.close();
    } catch { /* cancelled by its reader */ }
    this.#dispose();
  }

  #dispose(): Promise<void> {
    if (!this.#disposed) {
      const lane = this.#lane;
      this.#disposed = lane.send({ type: "disconnect" }, CLOSE_WAIT_MS).then(() => {}, () => {})
        .finally(() => lane.terminate());
    }
    return this.#disposed;
  }
}
