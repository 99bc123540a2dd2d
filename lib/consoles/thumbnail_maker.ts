// Thumbnails made off the main thread, on one worker (thumbnail_worker.ts) started when the
// first is asked for and stopped after a quiet half minute: a server nobody looks at through a
// browser carries no image thread at all.

import { workerUrl } from "../../ffi/worker_url.ts";
import type { ThumbnailReply, ThumbnailRequest } from "./thumbnail_worker.ts";

/** How long the worker stays after its last thumbnail. */
const IDLE_MS = 30_000;

export class ThumbnailMaker {
  #worker: Worker | null = null;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;
  readonly #waiting = new Map<number, { resolve(png: Uint8Array): void; reject(e: Error): void }>();

  /** The PNG at most `width` wide of a screenshot the hypervisor sent as `mime`. */
  make(mime: string, bytes: Uint8Array<ArrayBuffer>, width: number): Promise<Uint8Array> {
    clearTimeout(this.#idle);
    const worker = this.#started();
    const id = this.#nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      const request: ThumbnailRequest = { id, mime, bytes, width };
      worker.postMessage(request, [bytes.buffer]);
    }).finally(() => {
      if (this.#waiting.size === 0) this.#idle = setTimeout(() => this.close(), IDLE_MS);
    });
  }

  /** Whether the worker runs now (bench/thumbnails.ts, tests). */
  get running(): boolean {
    return this.#worker !== null;
  }

  /** Stops the worker; whatever was waiting fails. The next make() starts a new one. */
  close(): void {
    clearTimeout(this.#idle);
    this.#worker?.terminate();
    this.#worker = null;
    for (const { reject } of this.#waiting.values()) reject(new Error("the image worker stopped"));
    this.#waiting.clear();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(workerUrl(import.meta.url, "lib/consoles/thumbnail_worker.ts"), {
      type: "module",
    });
    worker.onmessage = (e: MessageEvent<ThumbnailReply>) => {
      const waiting = this.#waiting.get(e.data.id);
      if (!waiting) return;
      this.#waiting.delete(e.data.id);
      if ("png" in e.data) waiting.resolve(e.data.png);
      else waiting.reject(new Error(e.data.error));
    };
    // A worker that died (out of memory on a hostile image) is replaced at the next make().
    worker.onerror = (e) => {
      e.preventDefault();
      this.close();
    };
    this.#worker = worker;
    return worker;
  }
}
