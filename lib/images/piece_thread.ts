// A download's bytes handed to a thread of their own (piece_worker.ts), which checksums them and,
// where the volume is a file of this machine, writes them: the main thread only reads the
// network. Measured on loopback (bench/download.ts), reading, hashing and writing each on its own
// turn held the download to 40-75 % of curl's rate; with this thread it keeps pace with curl.
// The bytes are copied into 1 MiB pieces that travel to the worker and come back (their buffers
// used again), at most IN_FLIGHT of them on their way: a worker behind the network makes give()
// wait instead of holding the file in memory.

import { workerUrl } from "../../ffi/worker_url.ts";
import type { PieceReply, PieceRequest } from "./piece_worker.ts";

/** Bytes per trip to the worker. */
const PIECE_BYTES = 1024 * 1024;
/** Pieces handed over and not done yet, at most. */
const IN_FLIGHT = 4;

export interface PieceThreadOptions {
  /** The checksum to compute (a node:crypto name: sha256, sha512 …), or null. */
  algorithm: string | null;
  /**
   * The file the bytes go into, or null to only hash them. From byte `from` on: the bytes before
   * it are kept and hashed first (a download going on after a restart). `path` is a file already
   * opened and checked (lib/storage/pinned_file.ts: /proc/PID/fd/N, which this process's worker
   * opens too), never a pool's name that a link could be swapped in for.
   */
  file?: { path: string; from: number } | null;
  /**
   * The download's stop: stops the thread at once, so a cancel or the server's stop never waits
   * for the writes or the hashing under way (the file keeps what was written: a prefix).
   */
  signal?: AbortSignal;
}

export class PieceThread {
  readonly #worker: Worker;
  /** The piece being filled. */
  #piece = new Uint8Array(PIECE_BYTES);
  #filled = 0;
  #inFlight = 0;
  /** Buffers the worker sent back, for the next pieces. */
  readonly #spare: ArrayBuffer[] = [];
  /** Who waits for a piece to come back (give() at the limit, finish() for all). */
  #waiting: (() => void)[] = [];
  #finished: PromiseWithResolvers<string | null> | null = null;
  /** Why the worker can no longer be used (it failed, or close() was called). */
  #broken: Error | null = null;

  constructor({ algorithm, file = null, signal }: PieceThreadOptions) {
    this.#worker = new Worker(workerUrl(import.meta.url, "lib/images/piece_worker.ts"), {
      type: "module",
    });
    this.#worker.onmessage = (e: MessageEvent<PieceReply>) => this.#reply(e.data);
    this.#worker.onerror = (e) => {
      e.preventDefault();
      this.#fail(new Error(e.message));
    };
    this.#post({ type: "start", algorithm, file });
    if (signal?.aborted) this.close();
    else signal?.addEventListener("abort", () => this.close(), { once: true });
  }

  /**
   * Takes `bytes` (copied: the caller may fill their buffer again at once); throws what failed
   * on the thread (a file that cannot be written, an unknown algorithm) once it is known.
   */
  async give(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length;) {
      if (this.#broken) throw this.#broken;
      const n = Math.min(bytes.length - at, PIECE_BYTES - this.#filled);
      this.#piece.set(bytes.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === PIECE_BYTES) await this.#send();
    }
  }

  /**
   * Everything given is written and on disk (the file synced and closed): the checksum in hex,
   * or null without one. The worker stops after it.
   */
  async finish(): Promise<string | null> {
    await this.#send();
    while (this.#inFlight > 0 && !this.#broken) await this.#wait();
    if (this.#broken) throw this.#broken;
    this.#finished = Promise.withResolvers<string | null>();
    this.#post({ type: "finish" });
    try {
      return await this.#finished.promise;
    } finally {
      this.close();
    }
  }

  /** Stops the worker, whatever it was doing (nothing more is taken); safe to call again. */
  close(): void {
    this.#fail(new Error("the download's thread was stopped"));
  }

  /** Hands the filled part of the piece to the worker once fewer than IN_FLIGHT are away. */
  async #send(): Promise<void> {
    if (this.#filled === 0) return;
    while (this.#inFlight >= IN_FLIGHT && !this.#broken) await this.#wait();
    if (this.#broken) throw this.#broken;
    const bytes = this.#piece.subarray(0, this.#filled) as Uint8Array<ArrayBuffer>;
    this.#post({ type: "piece", bytes }, [bytes.buffer]);
    this.#inFlight++;
    this.#piece = new Uint8Array(this.#spare.pop() ?? new ArrayBuffer(PIECE_BYTES));
    this.#filled = 0;
  }

  #wait(): Promise<void> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #wake(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
  }

  #post(request: PieceRequest, transfer: ArrayBuffer[] = []): void {
    this.#worker.postMessage(request, transfer);
  }

  #reply(reply: PieceReply): void {
    if (reply.type === "done") {
      this.#inFlight--;
      if (this.#spare.length < IN_FLIGHT) this.#spare.push(reply.buffer);
      this.#wake();
    } else if (reply.type === "finished") {
      this.#finished?.resolve(reply.hex);
    } else {
      this.#fail(new Error(reply.message));
    }
  }

  #fail(why: Error): void {
    if (this.#broken) return;
    this.#broken = why;
    this.#worker.terminate();
    this.#finished?.reject(why);
    this.#wake();
  }
}
