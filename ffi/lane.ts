// One libvirt worker thread seen from the main thread: request/reply traffic, each request
// with a deadline, and how many requests the thread is still working on.

import { ErrorCode, LibvirtError } from "./error.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";

// Omit distributed over the union, so each request kind keeps its own fields.
export type RequestBody = WorkerRequest extends infer R
  ? R extends WorkerRequest ? Omit<R, "id"> : never
  : never;

type Pending = { resolve(v: unknown): void; reject(e: unknown): void };

/** A worker thread that owns one libvirt connection (or, for the events worker, serves calls). */
export class Lane {
  /** Requests the thread has not answered yet, including ones whose caller stopped waiting. */
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #whenIdle: (() => void)[] = [];
  #terminated = false;

  constructor(readonly worker: Worker) {}

  /** How many requests the thread is working on or has queued. */
  get busy(): number {
    return this.#pending.size;
  }

  /** Settles the request a reply answers (a no-op for one whose deadline already passed). */
  settle(reply: WorkerReply): void {
    const p = this.#pending.get(reply.id);
    if (!p) return;
    this.#pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new LibvirtError(reply.code, reply.domain, reply.message));
    if (this.#pending.size === 0) { for (const wake of this.#whenIdle.splice(0)) wake(); }
  }

  /**
   * Sends a request. With `deadlineMs`, the promise rejects with DEADLINE_EXCEEDED once that
   * passes; the thread cannot be interrupted inside libvirt, so the request stays counted in
   * `busy` until the thread answers it.
   */
  send(req: RequestBody, deadlineMs = Infinity): Promise<unknown> {
    if (this.#terminated) {
      return Promise.reject(new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed"));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.#pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      if (Number.isFinite(deadlineMs)) {
        timer = setTimeout(() => reject(deadlineError(req, deadlineMs)), deadlineMs);
      }
      this.worker.postMessage({ ...req, id }, transferables(req));
    });
  }

  /** Resolves once the thread has answered everything sent so far. */
  idle(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#whenIdle.push(resolve));
  }

  /**
   * Stops the thread; pending requests reject. A thread blocked inside libvirt ends when that
   * call returns.
   */
  terminate(): void {
    this.#terminated = true;
    this.worker.terminate();
    for (const p of this.#pending.values()) {
      p.reject(new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed"));
    }
    this.#pending.clear();
    for (const wake of this.#whenIdle.splice(0)) wake();
  }
}

/** A new call worker (ffi/worker.ts), not yet connected. */
export function callLane(): Lane {
  const lane = new Lane(new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }));
  lane.worker.onmessage = (e: MessageEvent<WorkerReply>) => lane.settle(e.data);
  return lane;
}

function deadlineError(req: RequestBody, ms: number): LibvirtError {
  const what = req.type === "call" ? `the call ${req.op}` : `the ${req.type} request`;
  return new LibvirtError(
    ErrorCode.DEADLINE_EXCEEDED,
    0,
    `libvirtd did not answer within ${Number((ms / 1000).toFixed(1))} s (${what})`,
  );
}

/**
 * The byte buffers among a call's arguments: moved to the worker rather than copied, so a
 * transfer's chunks do not pile up as garbage on both sides. The caller must not reuse them.
 */
function transferables(req: RequestBody): ArrayBuffer[] {
  if (req.type !== "call") return [];
  return req.args.flatMap((a) =>
    a instanceof Uint8Array && a.buffer instanceof ArrayBuffer &&
      a.byteOffset === 0 && a.byteLength === a.buffer.byteLength
      ? [a.buffer]
      : []
  );
}
