// One libvirt worker thread seen from the main thread: request/reply traffic and a queue of
// requests the thread has not been given yet. The thread gets one request at a time, so a
// request's deadline counts from when libvirt gets it, and a request still in the queue can go
// to another thread when this one is stuck.

import { ErrorCode, LibvirtError } from "./error.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";
import { workerUrl } from "../worker_url.ts";

/** Where a call runs: a connection that gives a thread a reference of its own (Connection.ref). */
export interface ConnectionSource {
  ref(): bigint;
  /** The call has left the lane: answered (late or not), dropped, or never sent. */
  done(): void;
}

// Omit distributed over the union, so each request kind keeps its own fields. A call names the
// connection it runs on by its source: the reference is taken only once the thread gets the
// call, so a call that never reaches one holds none.
export type RequestBody = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? R extends { type: "call" } ? Omit<R, "id" | "conn"> & { on?: ConnectionSource }
    : Omit<R, "id">
  : never
  : never;

/**
 * A request that never reached libvirt: its thread got stuck on the call ahead of it
 * (`reason: "stuck"`, safe to send again elsewhere), or no thread took it within its wait
 * (`reason: "wait"`). Its code is DEADLINE_EXCEEDED.
 */
export class NotStarted extends LibvirtError {
  constructor(readonly reason: "stuck" | "wait", message: string) {
    super(ErrorCode.DEADLINE_EXCEEDED, 0, message);
  }
}

/**
 * What a call past its deadline came to once libvirt returned: its value or its error; or
 * `error: null` when its thread was ended first (the outcome is not known).
 */
export type LateOutcome = { ok: true; value: unknown } | { ok: false; error: LibvirtError | null };

/**
 * DEADLINE_EXCEEDED for a call libvirtd may still carry out (a define queued behind a stuck
 * one): `outcome` settles once libvirt returns, so a caller can undo what was done after all.
 */
export class LateCall extends LibvirtError {
  constructor(message: string, readonly outcome: Promise<LateOutcome>) {
    super(ErrorCode.DEADLINE_EXCEEDED, 0, message);
  }
}

/** The outcome of the late call behind `err` (itself, or its `cause`s), else null. */
export function lateOutcomeOf(err: unknown): Promise<LateOutcome> | null {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof LateCall) return e.outcome;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

interface Request {
  id: number;
  body: RequestBody;
  /** Whose call it is (a host's client), for counting each one's calls stuck inside libvirt. */
  owner?: object;
  deadlineMs: number;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  timer?: ReturnType<typeof setTimeout>;
  /** Past its deadline while the thread is still inside libvirt with it. */
  late?: boolean;
  /** Tells the late call's outcome (LateCall.outcome). */
  tell?: (outcome: LateOutcome) => void;
}

/** A deadline past this marks a call as long (see Lane.long). */
const LONG_CALL_MS = 5 * 60_000;

/** A worker thread that owns one libvirt connection (or, for the events worker, serves calls). */
export class Lane {
  /** Called once a request's deadline passes while the thread is still working on it. */
  onStuck: (() => void) | undefined;
  #queue: Request[] = [];
  #running: Request | null = null;
  #nextId = 1;
  #whenIdle: (() => void)[] = [];
  #terminated = false;

  constructor(readonly worker: Worker) {}

  /** How many requests the thread is working on or has queued. */
  get busy(): number {
    return this.#queue.length + (this.#running ? 1 : 0);
  }

  /**
   * True while the thread works on a call allowed minutes (a disk copy, a snapshot): a call
   * queued behind it could wait that long, so new calls go elsewhere when they can.
   */
  get long(): boolean {
    return (this.#running?.deadlineMs ?? 0) > LONG_CALL_MS;
  }

  /** True while the thread is inside libvirt with a request past its deadline. */
  get stuck(): boolean {
    return this.#running?.late === true;
  }

  /** Whose request the thread is inside libvirt with past its deadline, if any. */
  get stuckOwner(): object | undefined {
    return this.#running?.late ? this.#running.owner : undefined;
  }

  /** Settles the request a reply answers (only the caller is gone when it was late). */
  settle(reply: WorkerReply): void {
    const req = this.#running;
    if (!req || req.id !== reply.id) return;
    this.#running = null;
    clearTimeout(req.timer);
    finished(req.body);
    if (!req.late) {
      if (reply.ok) req.resolve(reply.value);
      else req.reject(new LibvirtError(reply.code, reply.domain, reply.message));
    } else {
      req.tell?.(
        reply.ok
          ? { ok: true, value: reply.value }
          : { ok: false, error: new LibvirtError(reply.code, reply.domain, reply.message) },
      );
    }
    this.#next();
  }

  /**
   * Sends a request. With `deadlineMs`, the promise rejects with DEADLINE_EXCEEDED once the
   * thread has been on it that long; the thread cannot be interrupted inside libvirt, so the
   * request stays counted in `busy` (and the lane `stuck`) until the thread answers it. Requests
   * queued behind a stuck one reject with NotStarted "stuck" at once; one waiting `waitMs` in
   * the queue (by default its deadline) rejects with NotStarted "wait".
   */
  send(
    body: RequestBody,
    deadlineMs = Infinity,
    waitMs = deadlineMs,
    owner?: object,
  ): Promise<unknown> {
    if (this.#terminated) {
      finished(body);
      return Promise.reject(new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed"));
    }
    if (this.stuck) {
      finished(body);
      return Promise.reject(stuckError(body));
    }
    return new Promise((resolve, reject) => {
      const req: Request = { id: this.#nextId++, body, owner, deadlineMs, resolve, reject };
      this.#queue.push(req);
      if (Number.isFinite(waitMs) && this.#running) {
        req.timer = setTimeout(() => {
          this.#drop(req, new NotStarted("wait", waitError(body, waitMs)));
        }, waitMs);
      }
      this.#next();
    });
  }

  /** Resolves once the thread has answered everything sent so far. */
  idle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.#whenIdle.push(resolve));
  }

  /**
   * Stops the thread; pending requests reject. A thread blocked inside libvirt ends when that
   * call returns.
   */
  terminate(): void {
    this.#terminated = true;
    this.worker.terminate();
    const closed = new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed");
    for (const req of [...this.#queue, this.#running]) {
      if (!req) continue;
      clearTimeout(req.timer);
      // A call the thread may still be inside libvirt with keeps its connection busy for good.
      if (req !== this.#running) finished(req.body);
      if (!req.late) req.reject(closed);
      else req.tell?.({ ok: false, error: null });
    }
    this.#queue = [];
    this.#running = null;
    this.#wake();
  }

  /** Gives the thread the next queued request when it has none. */
  #next(): void {
    if (this.#running || this.#terminated) return;
    const req = this.#queue.shift();
    if (!req) return this.#wake();
    clearTimeout(req.timer);
    const { body } = req;
    let message: WorkerRequest;
    try {
      message = toMessage(body, req.id);
    } catch (err) {
      // Its connection closed while it waited here (a host removed, a reconnect).
      finished(body);
      req.reject(err);
      return this.#next();
    }
    this.#running = req;
    if (Number.isFinite(req.deadlineMs)) {
      req.timer = setTimeout(() => this.#late(req), req.deadlineMs);
    }
    this.worker.postMessage(message, transferables(body));
  }

  #late(req: Request) {
    req.late = true;
    const outcome = new Promise<LateOutcome>((tell) => req.tell = tell);
    req.reject(new LateCall(deadlineError(req.body, req.deadlineMs).message, outcome));
    this.onStuck?.();
    // Nothing queued here can start before libvirt returns: hand it back to the callers.
    for (const queued of this.#queue.splice(0)) {
      clearTimeout(queued.timer);
      finished(queued.body);
      queued.reject(stuckError(queued.body));
    }
  }

  #drop(req: Request, err: LibvirtError) {
    const i = this.#queue.indexOf(req);
    if (i < 0) return;
    this.#queue.splice(i, 1);
    finished(req.body);
    req.reject(err);
    if (this.busy === 0) this.#wake();
  }

  #wake() {
    if (this.busy === 0) { for (const wake of this.#whenIdle.splice(0)) wake(); }
  }
}

/** A new call worker (ffi/libvirt/worker.ts), not yet connected. */
export function callLane(): Lane {
  const lane = new Lane(
    new Worker(workerUrl(import.meta.url, "ffi/libvirt/worker.ts"), { type: "module" }),
  );
  lane.worker.onmessage = (e: MessageEvent<WorkerReply>) => lane.settle(e.data);
  return lane;
}

/** Tells a call's connection that the call has left the lane. */
function finished(body: RequestBody): void {
  if (body.type === "call") body.on?.done();
}

/** The message for the thread; a call gets its own reference to the connection it runs on. */
function toMessage(body: RequestBody, id: number): WorkerRequest {
  if (body.type !== "call" || !body.on) {
    return { ...body, id } as WorkerRequest;
  }
  const { on, ...call } = body;
  return { ...call, id, conn: on.ref() };
}

function what(req: RequestBody): string {
  return req.type === "call" ? `the call ${req.op}` : `the ${req.type} request`;
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

/** DEADLINE_EXCEEDED for a request (or a call named `op`) libvirt did not answer within `ms`. */
export function deadlineError(req: RequestBody | string, ms: number): LibvirtError {
  if (typeof req === "string") req = { type: "call", op: req, args: [] };
  return new LibvirtError(
    ErrorCode.DEADLINE_EXCEEDED,
    0,
    `libvirtd did not answer within ${seconds(ms)} s (${what(req)})`,
  );
}

function stuckError(req: RequestBody): NotStarted {
  return new NotStarted(
    "stuck",
    `the libvirt worker is stuck on a call past its deadline (${what(req)} did not start)`,
  );
}

function waitError(req: RequestBody, ms: number): string {
  return `no libvirt worker was free within ${seconds(ms)} s (${what(req)} did not start)`;
}

/** A call that found no worker it could run on within `ms`. */
export function notFree(op: string, ms: number): NotStarted {
  return new NotStarted("wait", waitError({ type: "call", op, args: [] }, ms));
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
