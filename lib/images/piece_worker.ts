// The thread a download's bytes end on (lib/images/piece_thread.ts starts it): it computes the
// checksum of the pieces it is given and, for a volume that is a file of this machine, writes them
// into it. On the server's one JavaScript thread, SHA-256 of a gigabyte is most of a second of
// CPU, and the file's writes took their turn on yet another thread: reading the network, hashing
// and writing held each other up (bench/download.ts). Here one piece is hashed and written while
// the main thread reads the next. Pieces go back once done, so their buffers are used again.

/// <reference lib="deno.worker" />

import { createHash, type Hash } from "node:crypto";

export type PieceRequest =
  | {
    type: "start";
    /** The checksum to compute (a node:crypto name), or null for none. */
    algorithm: string | null;
    /**
     * The file to write the pieces into, or null to only hash them. From byte `from` on: the
     * bytes before it stay (a download going on after a restart) and are hashed first.
     */
    file: { path: string; from: number } | null;
  }
  | { type: "piece"; bytes: Uint8Array<ArrayBuffer> }
  | { type: "finish" };

export type PieceReply =
  | { type: "done"; buffer: ArrayBuffer }
  | { type: "finished"; hex: string | null }
  | { type: "error"; message: string };

/** Bytes read at a time while hashing a file's first part. */
const READ_BYTES = 1024 * 1024;

let hash: Hash | null = null;
let file: Deno.FsFile | null = null;
/** After a failure nothing more is done: the main thread stops this worker on its answer. */
let failed = false;

function start(algorithm: string | null, target: { path: string; from: number } | null): void {
  hash = algorithm ? createHash(algorithm) : null;
  if (!target) return;
  // The file its volume was made as (its owner and mode as libvirt set them), written from the
  // start, or from `from` on with the bytes before it hashed.
  file = Deno.openSync(target.path, { read: true, write: true, truncate: target.from === 0 });
  if (target.from === 0) return;
  const size = file.statSync().size;
  if (size < target.from) {
    throw new Error(`the file ends at byte ${size}, before byte ${target.from}`);
  }
  const buffer = new Uint8Array(READ_BYTES);
  // Without a checksum the bytes before `from` need no reading.
  for (let at = 0; hash && at < target.from;) {
    const n = file.readSync(buffer.subarray(0, Math.min(READ_BYTES, target.from - at)));
    if (n === null) throw new Error(`the file ends at byte ${at}, before byte ${target.from}`);
    hash?.update(buffer.subarray(0, n));
    at += n;
  }
  file.truncateSync(target.from);
  file.seekSync(target.from, Deno.SeekMode.Start);
}

function piece(bytes: Uint8Array<ArrayBuffer>): void {
  hash?.update(bytes);
  if (file) { for (let at = 0; at < bytes.length;) at += file.writeSync(bytes.subarray(at)); }
}

function finish(): string | null {
  file?.syncDataSync();
  file?.close();
  file = null;
  const hex = hash?.digest("hex") ?? null;
  hash = null;
  return hex;
}

self.onmessage = (e: MessageEvent<PieceRequest>) => {
  const request = e.data;
  if (failed) return;
  try {
    if (request.type === "start") start(request.algorithm, request.file);
    else if (request.type === "piece") {
      piece(request.bytes);
      const reply: PieceReply = { type: "done", buffer: request.bytes.buffer };
      self.postMessage(reply, [request.bytes.buffer]);
    } else {
      const reply: PieceReply = { type: "finished", hex: finish() };
      self.postMessage(reply);
    }
  } catch (err) {
    failed = true;
    const reply: PieceReply = { type: "error", message: (err as Error).message };
    self.postMessage(reply);
  }
};
