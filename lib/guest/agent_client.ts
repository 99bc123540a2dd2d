// The host end of our guest agent's protocol (agent/PROTOCOL.md): newline-delimited JSON-RPC
// 2.0 over the unix socket QEMU keeps for the VM's `org.kvmmanager.agent.0` channel. One
// connection per VM; answers are matched to requests by id; every call has a deadline.

import {
  MAX_LINE_BYTES,
  type Method,
  type MethodTypes,
  type RpcError,
  type RpcResponse,
} from "../../agent/protocol.ts";
import { fillIn, t, tKey, type TranslateValues } from "../../shared/i18n/t.ts";

/** Why a call failed: the agent's own error, or the transport's. */
export class AgentCallError extends Error {
  override name = "AgentCallError";
  constructor(
    /** "rpc" carries the agent's error; the others are ours. */
    readonly kind: "rpc" | "timeout" | "closed" | "connect",
    message: string,
    readonly rpc?: RpcError,
    /**
     * Our own words as a t() key and its values: the message in English, translated where a
     * request is answered (a connection may fail while no request, or another's, is running).
     */
    readonly words?: { key: string; values?: TranslateValues },
  ) {
    super(message);
  }

  /** The message in the language of the request being answered (the agent's own stays). */
  translated(): string {
    return this.words ? t(this.words.key, this.words.values) : this.message;
  }
}

/** A transport failure in our words: `key` a tKey()-marked sentence. */
const ours = (kind: "timeout" | "closed" | "connect", key: string, values?: TranslateValues) =>
  new AgentCallError(kind, fillIn(key, values), undefined, { key, values });

// Ids are unique across every connection this process makes: an answer to a request of an
// earlier connection (still queued in the guest when we reconnected) can never be taken for
// the answer to a new one.
let nextId = Math.floor(Math.random() * 2 ** 40);

type Pending = {
  resolve(v: unknown): void;
  reject(e: AgentCallError): void;
  timer: ReturnType<typeof setTimeout>;
  /** The longest answer this call may have, in characters (answerLimit). */
  limit: number;
};

/**
 * The longest answer the host reads, in characters: a guest is not trusted, and a long line is
 * parsed on the server's one thread. Facts, lists and statuses fit in 1 Mi characters (what is
 * shown of them is cut further, bounds.ts); a command's output and a file's bytes may be as long
 * as the protocol allows.
 */
const ANSWER_LIMIT = 1024 * 1024;
const LONG_ANSWERS: ReadonlySet<Method> = new Set(["exec_command", "file_read"]);
export const answerLimit = (method: Method) =>
  LONG_ANSWERS.has(method) ? MAX_LINE_BYTES : ANSWER_LIMIT;

const encoder = new TextEncoder();

export class AgentClient {
  readonly path: string;
  #conn: Deno.UnixConn | null = null;
  #connecting: Promise<Deno.UnixConn> | null = null;
  #pending = new Map<number, Pending>();
  #closed = false;
  /** Serialises writes so two requests never interleave on the wire. */
  #writing: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  /** True once the connection failed or closed; the owner then makes a new client. */
  get closed(): boolean {
    return this.#closed;
  }

  async call<M extends Method>(
    method: M,
    params: MethodTypes[M]["params"],
    timeoutMs: number,
  ): Promise<MethodTypes[M]["result"]> {
    const conn = await this.#connect();
    const id = nextId++;
    const line = encoder.encode(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    let sent = false;
    const answer = new Promise<MethodTypes[M]["result"]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          ours("timeout", tKey("the guest agent did not answer {{method}} within {{seconds}} s"), {
            method,
            seconds: Math.round(timeoutMs / 1000),
          }),
        );
        // A guest that stops reading its channel would hold every later request in the queue
        // (and its bytes in memory): the connection goes, a new one is made on the next call.
        if (!sent) this.#fail(tKey("the guest agent does not read its channel"));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        timer,
        limit: answerLimit(method),
      });
    });
    this.#writing = this.#writing.then(() => writeAll(conn, line)).then(
      () => sent = true,
      (err) => {
        this.#fail(tKey("cannot write to the guest agent channel: {{error}}"), {
          error: err.message,
        });
      },
    );
    return await answer;
  }

  /** Closes the connection; pending calls fail as closed. */
  close(): void {
    this.#fail(tKey("connection closed"));
  }

  #connect(): Promise<Deno.UnixConn> {
    if (this.#closed) {
      return Promise.reject(ours("closed", tKey("the guest agent connection closed")));
    }
    if (this.#conn) return Promise.resolve(this.#conn);
    this.#connecting ??= Deno.connect({ transport: "unix", path: this.path }).then((conn) => {
      this.#conn = conn;
      this.#read(conn);
      return conn;
    }, (err) => {
      this.#closed = true;
      throw ours("connect", tKey("cannot open the guest agent channel: {{error}}"), {
        error: err.message,
      });
    });
    return this.#connecting;
  }

  async #read(conn: Deno.UnixConn) {
    const decoder = new TextDecoder();
    // The line so far, in pieces: each chunk is searched for its end once, so a line of many
    // megabytes (a hostile guest's) costs its length, not its length times its chunks.
    let parts: string[] = [];
    let size = 0;
    // The line is no answer to wait for (nothing was asked): skipped to its end, never parsed.
    let dropping = false;
    try {
      for await (const chunk of conn.readable) {
        let text = decoder.decode(chunk, { stream: true });
        for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n")) {
          if (!dropping && size + nl <= this.#limit()) {
            parts.push(text.slice(0, nl));
            this.#answer(parts.join(""));
          }
          [parts, size, dropping] = [[], 0, false];
          text = text.slice(nl + 1);
        }
        if (dropping || !text) continue;
        if (size === 0 && this.#pending.size === 0) {
          dropping = true; // said unasked: not kept, not parsed
          continue;
        }
        size += text.length;
        if (size > this.#limit()) {
          // Longer than any answer awaited may be: the calls fail now, not at their deadline,
          // and the channel is closed (a new connection is made on the next call).
          const chars = Math.round(this.#limit() / 1024);
          return this.#fail(
            tKey("the guest agent's answer is longer than {{kib}} KiB: the channel was closed"),
            { kib: chars },
          );
        }
        parts.push(text);
      }
      this.#fail(tKey("the guest agent channel closed (the VM stopped or restarted)"));
    } catch (err) {
      this.#fail(tKey("the guest agent channel failed: {{error}}"), {
        error: (err as Error).message,
      });
    }
  }

  #answer(line: string) {
    let msg: RpcResponse;
    try {
      msg = JSON.parse(line);
    } catch {
      return; // noise on the channel (e.g. a half line from before we connected)
    }
    if (typeof msg !== "object" || msg === null || typeof msg.id !== "number") return;
    const p = this.#pending.get(msg.id);
    if (!p) return; // an answer that came after its deadline
    this.#pending.delete(msg.id);
    clearTimeout(p.timer);
    // Whatever the guest sent, the call it answers is settled: with its result, its error, or
    // as malformed.
    if ("error" in msg) {
      const e = msg.error as Partial<RpcError> | null;
      if (e && typeof e === "object" && typeof e.message === "string") {
        const message = e.message.slice(0, 2000);
        const data = e.data && typeof e.data === "object" ? e.data : undefined;
        p.reject(
          new AgentCallError("rpc", message, {
            code: typeof e.code === "number" ? e.code : 0,
            message,
            ...(data ? { data } : {}),
          }),
        );
      } else p.reject(ours("closed", tKey("the guest agent sent a malformed answer")));
    } else if ("result" in msg) p.resolve(msg.result);
    else p.reject(ours("closed", tKey("the guest agent sent a malformed answer")));
  }

  /** The longest answer any pending call may have; 0 with none pending. */
  #limit(): number {
    let most = 0;
    for (const p of this.#pending.values()) most = Math.max(most, p.limit);
    return most;
  }

  /** `reason`: a tKey()-marked sentence, `values` its placeholders'. */
  #fail(reason: string, values?: TranslateValues) {
    this.#closed = true;
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(ours("closed", reason, values));
    }
    this.#pending.clear();
    try {
      this.#conn?.close();
    } catch { /* already closed */ }
    this.#conn = null;
  }
}

async function writeAll(conn: Deno.UnixConn, bytes: Uint8Array) {
  let written = 0;
  while (written < bytes.length) written += await conn.write(bytes.subarray(written));
}
