// Entry point of a console worker: one connection and at most one domain console stream. It
// polls the non-blocking stream, posts what the guest printed ("output"), types what arrives
// in "consoleWrite" calls, and posts "end" once when the stream is over. Every libvirt call
// runs on this thread, so each error read with virGetLastError is that call's own.

import { ConsoleStream } from "./console_stream.ts";
import type { ConsoleEnd, ConsoleMessage, ConsoleOp } from "./console_protocol.ts";
import { reply, WorkerConnection } from "./dispatch.ts";
import type { Domain } from "./domain.ts";
import { ErrorCode, LibvirtError } from "./error.ts";
import { findDomain } from "./find_domain.ts";
import type { WorkerRequest } from "./protocol.ts";

declare const self: Worker;

// Output is polled: quickly while the guest prints or we type, backing off to POLL_MAX_MS
// when idle. A serial line at 115200 baud moves about 11 KiB/s, so READ_MAX per poll is ample.
const POLL_MIN_MS = 2;
const POLL_MAX_MS = 40;
const READ_MAX = 64 * 1024;
// How often an idle session checks that the connection is alive (a local check, no RPC).
const ALIVE_CHECK_MS = 1000;

interface Session {
  dom: Domain;
  stream: ConsoleStream;
  /** Typed bytes the stream has not taken yet. */
  input: Uint8Array<ArrayBuffer>[];
}

const owned = new WorkerConnection();
let session: Session | null = null;
/** Ends the pump's current wait early (new input to send). */
let nudge: (() => void) | null = null;

const post = (msg: ConsoleMessage) =>
  self.postMessage(msg, msg.type === "output" ? [msg.data.buffer] : []);

const ops: Record<ConsoleOp, (...args: any[]) => unknown> = {
  consoleOpen(id: string, force: boolean): null {
    const conn = owned.current;
    if (!conn?.isOpen) throw new LibvirtError(ErrorCode.NO_CONNECT, 0, "not connected to libvirt");
    if (session) throw new LibvirtError(ErrorCode.OPERATION_INVALID, 0, "a console is open");
    const dom = findDomain(conn, id);
    let stream: ConsoleStream;
    try {
      stream = ConsoleStream.open(dom, { force });
    } catch (err) {
      dom.free();
      throw err;
    }
    const s: Session = { dom, stream, input: [] };
    session = s;
    pump(s);
    return null;
  },

  consoleWrite(data: Uint8Array<ArrayBuffer>): null {
    const s = session;
    if (!s) throw new LibvirtError(ErrorCode.OPERATION_INVALID, 0, "the console is closed");
    s.input.push(data);
    try {
      flush(s);
    } catch (err) {
      end(s, failure(s, err));
      throw err;
    }
    nudge?.();
    return null;
  },

  consoleClose(): null {
    if (session) end(session, { reason: "closed" });
    return null;
  },
};

/** Sends queued input, as much as the stream takes now. */
function flush(s: Session) {
  while (s.input.length) {
    const head = s.input[0];
    const n = s.stream.write(head);
    if (n === 0) return;
    if (n < head.length) s.input[0] = head.subarray(n);
    else s.input.shift();
  }
}

/** Reads the stream until `s` ends: output goes to the main thread as it arrives. */
async function pump(s: Session) {
  const buf = new Uint8Array(READ_MAX);
  let delay = POLL_MIN_MS;
  let idleSince = performance.now();
  while (session === s) {
    let got = 0;
    let over: ConsoleEnd | null = null;
    try {
      flush(s);
      while (got < buf.length) {
        const n = s.stream.read(buf.subarray(got));
        if (n === null) break;
        if (n === 0) {
          over = { reason: "eof" };
          break;
        }
        got += n;
      }
      if (!over && !got && performance.now() - idleSince > ALIVE_CHECK_MS) {
        idleSince = performance.now();
        if (!owned.current?.isAlive()) {
          throw new LibvirtError(ErrorCode.NO_CONNECT, 0, "the connection to libvirtd was lost");
        }
      }
    } catch (err) {
      over = failure(s, err);
    }
    if (got) {
      post({ type: "output", data: buf.slice(0, got) });
      idleSince = performance.now();
    }
    if (over) return end(s, over);
    delay = got || s.input.length ? POLL_MIN_MS : Math.min(delay * 2, POLL_MAX_MS);
    const nudged = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        nudge = null;
        resolve(false);
      }, delay);
      nudge = () => {
        clearTimeout(timer);
        nudge = null;
        resolve(true);
      };
    });
    // Input went out: its echo follows within milliseconds.
    if (nudged) delay = POLL_MIN_MS;
  }
}

/** The end a failed stream call means; asks whether the domain still runs (a take-over). */
function failure(s: Session, err: unknown): ConsoleEnd {
  const e = err instanceof LibvirtError ? err : new LibvirtError(-1, 0, String(err));
  let domainActive = false;
  try {
    domainActive = s.dom.isActive();
  } catch { /* the connection is gone too */ }
  return { reason: "error", code: e.code, domain: e.domain, message: e.message, domainActive };
}

/** Releases the session's stream and domain, then reports how it ended; once per session. */
function end(s: Session, how: ConsoleEnd) {
  if (session !== s) return;
  session = null;
  nudge?.();
  if (how.reason === "eof") s.stream.finish();
  else s.stream.abort();
  s.stream.free();
  s.dom.free();
  post({ type: "end", end: how });
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  self.postMessage(reply(req.id, () => {
    switch (req.type) {
      case "connect":
        return owned.connect(req.uri, req.keepAlive);
      case "disconnect":
        if (session) end(session, { reason: "closed" });
        return owned.disconnect();
      case "call": {
        const op = ops[req.op as ConsoleOp];
        if (!op) throw new LibvirtError(ErrorCode.INVALID_ARG, 0, `unknown op ${req.op}`);
        return op(...req.args);
      }
    }
  }));
};
