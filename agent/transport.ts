// Newline-delimited framing over a byte stream, and serving one connection: every complete
// line is answered concurrently (a long exec never holds up a ping), answers are written
// whole and one at a time so two never interleave.

import { concatBytes } from "./bytes.ts";
import { log } from "./log.ts";
import { MAX_LINE_BYTES, type RpcResponse } from "./protocol.ts";
import { errorResponse } from "./rpc.ts";

/** What serving needs of a stream: Deno.Conn fits, and so does the device wrapper. */
export interface ByteConnection {
  read(p: Uint8Array): Promise<number | null>;
  write(p: Uint8Array): Promise<number>;
}

/** A complete line, or why a line was dropped (to be answered with a parse error). */
export type Frame = { line: string } | { error: string };

/**
 * Splits bytes into lines. It splits on the newline byte before decoding, so a UTF-8
 * character cut between two chunks is whole again in its line. A line over the limit is
 * reported at once (not after buffering it all) and the rest of it is skipped.
 */
export class LineSplitter {
  #parts: Uint8Array[] = [];
  #size = 0;
  #skipping = false;
  #decoder = new TextDecoder("utf-8", { fatal: true });

  constructor(readonly maxLineBytes = MAX_LINE_BYTES) {}

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      if (this.#skipping) {
        if (nl !== -1) this.#skipping = false;
      } else if (this.#size + piece.length > this.maxLineBytes) {
        frames.push({ error: `line longer than ${this.maxLineBytes} bytes; skipped` });
        this.#reset();
        this.#skipping = nl === -1;
      } else if (nl === -1) {
        // The caller may reuse its buffer: keep a copy.
        if (piece.length) this.#parts.push(piece.slice());
        this.#size += piece.length;
      } else {
        this.#parts.push(piece);
        const frame = this.#frame(concatBytes(this.#parts, this.#size + piece.length));
        this.#reset();
        if (frame) frames.push(frame);
      }
      if (nl === -1) return frames;
      start = nl + 1;
    }
  }

  #reset() {
    this.#parts = [];
    this.#size = 0;
  }

  #frame(bytes: Uint8Array): Frame | null {
    let text: string;
    try {
      text = this.#decoder.decode(bytes);
    } catch {
      return { error: "line is not valid UTF-8" };
    }
    if (text.endsWith("\r")) text = text.slice(0, -1);
    // Blank lines carry nothing; a host may send one to flush a half line of its own.
    return text.trim() === "" ? null : { line: text };
  }
}

/** Enough to keep many calls going; beyond it the reader waits, which pushes back on the host. */
const MAX_IN_FLIGHT = 32;

export interface ServeOptions {
  maxLineBytes?: number;
  /**
   * After the peer's end of stream: wait for the answers still being worked on and write
   * them (a unix socket client may half-close), or drop them (the virtio host went away).
   */
  drainOnEof: boolean;
}

/** Serves `conn` until its end; returns how many bytes it read. */
export async function serveConnection(
  conn: ByteConnection,
  answer: (line: string) => Promise<RpcResponse | null>,
  { maxLineBytes = MAX_LINE_BYTES, drainOnEof }: ServeOptions,
): Promise<{ bytesRead: number; readError: string | null }> {
  const splitter = new LineSplitter(maxLineBytes);
  const encoder = new TextEncoder();
  let open = true;
  let writing: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  let bytesRead = 0;
  let readError: string | null = null;

  const send = (response: RpcResponse) => {
    const bytes = encoder.encode(JSON.stringify(response) + "\n");
    writing = writing.then(async () => {
      if (!open) return;
      try {
        await writeAll(conn, bytes);
      } catch (err) {
        open = false;
        log(`write failed, dropping answers until the next connection: ${(err as Error).message}`);
      }
    });
  };

  const buf = new Uint8Array(64 * 1024);
  try {
    while (open) {
      const n = await conn.read(buf);
      if (n === null) break;
      bytesRead += n;
      for (const frame of splitter.push(buf.subarray(0, n))) {
        if ("error" in frame) {
          log(`parse error: ${frame.error}`);
          send(errorResponse(null, "PARSE_ERROR", frame.error));
          continue;
        }
        const task: Promise<void> = answer(frame.line).then(
          (r) => {
            if (r) send(r);
          },
          (err) => log(`unanswered request: ${(err as Error).message}`),
        );
        inFlight.add(task);
        task.finally(() => inFlight.delete(task));
        if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      }
    }
  } catch (err) {
    readError = (err as Error).message;
    log(`read failed: ${readError}`);
  }
  if (drainOnEof && open) {
    await Promise.allSettled(inFlight);
    await writing;
  }
  open = false;
  return { bytesRead, readError };
}

async function writeAll(conn: ByteConnection, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}
