// The main thread's handle on PAM: a small pool of PAM worker threads, started on first use.
// Each worker checks one password at a time; a wrong password holds its worker ~2 s (pam_unix's
// fail delay), so more than one worker keeps one typo from queueing everybody else's sign-in.

import type { PamCheck, PamOutcome, PamReply, PamRequest } from "./protocol.ts";
import { workerUrl } from "../worker_url.ts";

export interface PamClientOptions {
  /** Most worker threads to run at once. */
  workers?: number;
}

type Pending = { resolve(outcome: PamOutcome): void; reject(err: Error): void };

/** One PAM worker and the requests it has not answered yet. */
class PamLane {
  readonly pending = new Map<number, Pending>();
  readonly worker = new Worker(workerUrl(import.meta.url, "ffi/pam/worker.ts"), { type: "module" });

  constructor(onCrash: (lane: PamLane) => void) {
    this.worker.onmessage = (e: MessageEvent<PamReply>) => {
      const reply = e.data;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.outcome);
      else p.reject(new Error(reply.message));
    };
    this.worker.onerror = (e: ErrorEvent) => {
      // A worker that failed to load (no libpam) or threw outside a request: drop it; the
      // next check starts a fresh one.
      e.preventDefault();
      onCrash(this);
      this.stop(`PAM worker failed: ${e.message}`);
    };
  }

  send(request: PamRequest): Promise<PamOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      // The password's buffer moves to the worker: no copy of it stays on this thread.
      this.worker.postMessage(request, [request.check.password.buffer]);
    });
  }

  stop(reason: string) {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }
}

/** Runs PAM password checks on worker threads. */
export class PamClient {
  #lanes: PamLane[] = [];
  #max: number;
  #nextId = 1;
  #closed = false;

  constructor({ workers = 2 }: PamClientOptions = {}) {
    this.#max = Math.max(1, workers);
  }

  /**
   * Runs one PAM transaction on a worker (see pamCheckPassword). `check.password` must be a
   * whole buffer of its own ending in its only NUL byte; it is moved to the worker and wiped
   * there, so the caller must not use it again. Rejects when the worker cannot run PAM at all.
   */
  check(check: PamCheck): Promise<PamOutcome> {
    const { password } = check;
    if (this.#closed) {
      password.fill(0);
      return Promise.reject(new Error("PAM client closed"));
    }
    if (password.byteOffset !== 0 || password.byteLength !== password.buffer.byteLength) {
      password.fill(0);
      return Promise.reject(new TypeError("the password must own its whole buffer"));
    }
    return this.#lane().send({ id: this.#nextId++, check });
  }

  /** An idle worker, a new one while there is room, else the least busy. */
  #lane(): PamLane {
    const idle = this.#lanes.find((l) => l.pending.size === 0);
    if (idle) return idle;
    if (this.#lanes.length < this.#max) {
      const lane = new PamLane((dead) => this.#lanes = this.#lanes.filter((l) => l !== dead));
      this.#lanes.push(lane);
      return lane;
    }
    return this.#lanes.reduce((a, b) => b.pending.size < a.pending.size ? b : a);
  }

  /**
   * Stops every worker; checks still waiting reject. A check already inside libpam is cut off
   * when PAM returns to JavaScript, so pam_end may not run for it: close when idle.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const lane of this.#lanes) lane.stop("PAM client closed");
    this.#lanes = [];
  }
}
