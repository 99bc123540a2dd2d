// The process's libvirt call workers, shared by every host: each call names the connection it
// runs on (one of its host's, opened on the main thread: call_connections.ts), so adding a host
// adds connections, not threads. A worker is a V8 isolate (about 10 MiB): one is kept while any
// client uses the pool, more start while every one is busy and stop after a while without a
// call. A worker stuck inside libvirt past a call's deadline is retired and replaced; each host
// may have only a few calls stuck at once, so a host that stopped answering cannot take the pool
// from the others.

import { ErrorCode, LibvirtError } from "./error.ts";
import { callLane, type ConnectionSource, Lane, notFree, NotStarted } from "./lane.ts";
import { pickLane } from "./call_policy.ts";

/** How long a call that found every worker busy waits for one more to start. */
const GROW_WAIT_MS = 200;
/** Calls of one host that may be stuck inside libvirt at once; past it its calls wait for one. */
export const MAX_STUCK_PER_OWNER = 4;
/** How often a call held back by its host's stuck calls looks again. */
const STUCK_POLL_MS = 50;
/** Retired workers (still inside libvirt) the whole process may hold before late ones stay. */
const MAX_RETIRED = 16;

export interface PoolOptions {
  /** The most workers at once. */
  max: number;
  /** Workers kept while a client uses the pool (0: started on first need). */
  keep: number;
  /** A worker beyond `keep` that had no call this long is stopped. */
  idleWorkerMs: number;
}

/** One call as a client hands it to the pool. */
export interface PoolCall {
  op: string;
  args: unknown[];
  on: ConnectionSource;
  /** The client, for its share of stuck calls. */
  owner: object;
  /** Deadline once a worker has it; the wait for a worker is bounded by `waitMs`. */
  deadlineMs: number;
  waitMs: number;
}

export class CallPool {
  #lanes: Lane[] = [];
  /** Workers out of service, stopped once libvirt returns from their last call. */
  #retired = new Set<Lane>();
  #lastUsed = new Map<Lane, number>();
  #growing: Promise<void> | null = null;
  #shrinkTimer: ReturnType<typeof setInterval> | undefined;
  #users = 0;

  constructor(readonly name: string, public options: PoolOptions) {}

  /** The workers (V8 isolates) the pool holds now, retired ones included. */
  get isolates(): number {
    return this.#lanes.length + this.#retired.size;
  }

  /** Calls of `owner` inside libvirt past their deadline, in service or retired. */
  stuckOf(owner: object): number {
    return [...this.#lanes, ...this.#retired].filter((l) => l.stuckOwner === owner).length;
  }

  /**
   * Counts a client in; the release counts it out. With no client left every worker stops once
   * its call returns, so a process (or a test) with its clients closed has no thread left.
   */
  use(): () => void {
    this.#users++;
    while (this.#lanes.length < this.options.keep) this.#add(this.#newLane());
    if (this.#shrinkTimer === undefined) {
      const { idleWorkerMs } = this.options;
      this.#shrinkTimer = setInterval(
        () => this.#shrink(),
        Math.min(10_000, Math.max(10, idleWorkerMs / 3)),
      );
      Deno.unrefTimer(this.#shrinkTimer);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#users > 0) return;
      clearInterval(this.#shrinkTimer);
      this.#shrinkTimer = undefined;
      for (const lane of this.#lanes.splice(0)) this.#dispose(lane);
      this.#lastUsed.clear();
    };
  }

  /**
   * Runs one call on the least busy worker that is not stuck (ties to the first, so extra ones
   * take only the overflow and can go idle). Rejects with the call's own LibvirtError;
   * NotStarted when it never reached libvirt.
   */
  async run(call: PoolCall): Promise<unknown> {
    let target: Lane;
    try {
      // An idle worker takes it in this same turn, so calls made together see each other busy.
      target = this.#idleFor(call) ?? await this.#place(call);
    } catch (err) {
      call.on.done();
      throw err;
    }
    const { op, args, on, owner, deadlineMs, waitMs } = call;
    return await target.send({ type: "call", op, args, on }, deadlineMs, waitMs, owner)
      .finally(() => this.#lanes.includes(target) && this.#lastUsed.set(target, performance.now()));
  }

  /** An idle worker when `call` may go at once. */
  #idleFor(call: PoolCall): Lane | undefined {
    if (this.stuckOf(call.owner) >= MAX_STUCK_PER_OWNER) return undefined;
    const idle = pickLane(this.#lanes, 0);
    return idle && idle.busy === 0 ? idle : undefined;
  }

  /** The worker for `call`, once this host may have one more call inside libvirt. */
  async #place(call: PoolCall): Promise<Lane> {
    // Too many of this host's calls stuck: wait for one of them to return, as long as this
    // call may wait for a worker, rather than take another worker from the other hosts.
    const waitUntil = performance.now() + call.waitMs;
    while (this.stuckOf(call.owner) >= MAX_STUCK_PER_OWNER) {
      const left = waitUntil - performance.now();
      if (left <= 0 || this.#users === 0) throw notFree(call.op, call.waitMs);
      await new Promise((r) => setTimeout(r, Math.min(STUCK_POLL_MS, left)));
    }
    // Every worker busy: another starts (a few ms), rather than this call waiting behind a
    // slow one; calls that arrive together may each need one (one start at a time). A start
    // that takes longer goes on for later calls; this one queues meanwhile.
    for (let tries = 0; tries < 3 && this.#lanes.every((lane) => lane.busy > 0); tries++) {
      if (this.#lanes.length >= this.options.max) break;
      await waitAtMost(this.#grow(), GROW_WAIT_MS);
    }
    const target = pickLane(this.#lanes, 0);
    if (!target) {
      throw new NotStarted("wait", `no libvirt worker is running (the call ${call.op})`);
    }
    return target;
  }

  /** Asks a worker for libvirt's words on why `uri` does not open (see dispatch.openError). */
  async openError(uri: string, deadlineMs: number): Promise<LibvirtError> {
    if (this.#lanes.every((lane) => lane.busy > 0)) await waitAtMost(this.#grow(), GROW_WAIT_MS);
    const target = pickLane(this.#lanes, 0);
    if (!target) return new LibvirtError(ErrorCode.NO_CONNECT, 0, `libvirt could not open ${uri}`);
    try {
      await target.send({ type: "openError", uri }, deadlineMs);
    } catch (err) {
      if (err instanceof LibvirtError && !(err instanceof NotStarted)) return err;
    }
    return new LibvirtError(ErrorCode.NO_CONNECT, 0, `libvirt could not open ${uri}`);
  }

  /** Starts one more worker when there is room (one start at a time). */
  #grow(): Promise<void> {
    if (this.#users === 0 || this.#lanes.length >= this.options.max) return Promise.resolve();
    return this.#growing ??= (async () => {
      const lane = this.#newLane();
      // The thread's module graph loads before it answers; a call sent now waits for it.
      this.#add(lane);
      await lane.send({ type: "disconnect" }).catch(() => {});
    })().finally(() => this.#growing = null);
  }

  #add(lane: Lane) {
    this.#lanes.push(lane);
    this.#lastUsed.set(lane, performance.now());
  }

  /** Stops workers beyond `keep` that have had no call for idleWorkerMs. */
  #shrink(): void {
    const now = performance.now();
    for (const lane of this.#lanes.slice(this.options.keep)) {
      if (lane.busy > 0 || now - (this.#lastUsed.get(lane) ?? now) < this.options.idleWorkerMs) {
        continue;
      }
      this.#lanes.splice(this.#lanes.indexOf(lane), 1);
      this.#lastUsed.delete(lane);
      this.#dispose(lane);
    }
  }

  /** A new worker that is retired once a call on it misses its deadline. */
  #newLane(): Lane {
    const lane = callLane();
    lane.onStuck = () => this.#retire(lane);
    return lane;
  }

  /** Takes a stuck worker out of service so later calls do not queue behind it. */
  #retire(lane: Lane) {
    const i = this.#lanes.indexOf(lane);
    if (i < 0 || this.#retired.size >= MAX_RETIRED) return;
    this.#lanes.splice(i, 1);
    this.#lastUsed.delete(lane);
    // Its place is taken on demand: the next call that finds every worker busy starts one.
    if (this.#users > 0 && this.#lanes.length < this.options.keep) this.#add(this.#newLane());
    this.#dispose(lane);
  }

  /** Stops a worker once libvirt has returned from its calls (each dropped its reference). */
  async #dispose(lane: Lane): Promise<void> {
    this.#retired.add(lane);
    try {
      await lane.idle();
    } finally {
      lane.terminate();
      this.#retired.delete(lane);
    }
  }
}

/** Waits for `work`, but at most `ms`; it goes on after. */
async function waitAtMost(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise<void>((r) => timer = setTimeout(r, ms))]);
  clearTimeout(timer);
}

const pools = {
  calls: new CallPool("calls", { max: 8, keep: 0, idleWorkerMs: 15_000 }),
  // Calls that wait on a guest agent (seconds when a guest is slow) never delay listing, stats
  // or lifecycle calls; most hosts run no agent, so none is kept.
  agent: new CallPool("agent", { max: 4, keep: 0, idleWorkerMs: 15_000 }),
};

/** The process's pool of call workers, or of guest-agent call workers. */
export function callPool(kind: "calls" | "agent"): CallPool {
  return pools[kind];
}
