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

/** Why a call failed: the agent's own error, or the transport's. */
export class AgentCallError extends Error {
  override name = "AgentCallError";
  constructor(
    /** "rpc" carries the agent's error; the others are ours. */
    readonly kind: "rpc" | "timeout" | "closed" | "connect",
    message: string,
    readonly rpc?: RpcError,
  ) {
    super(message);
  }
}

// Ids are unique across every connection this process makes: an answer to a request of an
// earlier connection (still queued in the guest when we reconnected) can never be taken for
// the answer to a new one.
let nextId = Math.floor(Math.random() * 2 ** 40);

type Pending = {
  resolve(v: unknown): void;
  reject(e: AgentCallError): void;
  timer: ReturnType<typeof setTimeout>;
};

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
    const answer = new Promise<MethodTypes[M]["result"]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new AgentCallError(
            "timeout",
            `the guest agent did not answer ${method} within ${Math.round(timeoutMs / 1000)} s`,
          ),
        );
      }, timeoutMs);
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
    });
    this.#writing = this.#writing.then(() => writeAll(conn, line)).catch((err) => {
      this.#fail(`cannot write to the guest agent channel: ${err.message}`);
    });
    return await answer;
  }

  /** Closes the connection; pending calls fail as closed. */
  close(): void {
    this.#fail("connection closed");
  }

  #connect(): Promise<Deno.UnixConn> {
    if (this.#closed) {
      return Promise.reject(new AgentCallError("closed", "the guest agent connection closed"));
    }
    if (this.#conn) return Promise.resolve(this.#conn);
    this.#connecting ??= Deno.connect({ transport: "unix", path: this.path }).then((conn) => {
      this.#conn = conn;
      this.#read(conn);
      return conn;
    }, (err) => {
      this.#closed = true;
      throw new AgentCallError("connect", `cannot open the guest agent channel: ${err.message}`);
    });
    return this.#connecting;
  }

  async #read(conn: Deno.UnixConn) {
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      for await (const chunk of conn.readable) {
        buffered += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffered.indexOf("\n")) >= 0) {
          this.#answer(buffered.slice(0, nl));
          buffered = buffered.slice(nl + 1);
        }
        // A line this long is not an answer of ours: drop it rather than grow without bound.
        if (buffered.length > MAX_LINE_BYTES * 2) buffered = "";
      }
      this.#fail("the guest agent channel closed (the VM stopped or restarted)");
    } catch (err) {
      this.#fail(`the guest agent channel failed: ${(err as Error).message}`);
    }
  }

  #answer(line: string) {
    let msg: RpcResponse;
    try {
      msg = JSON.parse(line);
    } catch {
      return; // noise on the channel (e.g. a half line from before we connected)
    }
    if (typeof msg?.id !== "number") return;
    const p = this.#pending.get(msg.id);
    if (!p) return; // an answer that came after its deadline
    this.#pending.delete(msg.id);
    clearTimeout(p.timer);
    if ("error" in msg) p.reject(new AgentCallError("rpc", msg.error.message, msg.error));
    else p.resolve(msg.result);
  }

  #fail(reason: string) {
    this.#closed = true;
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(new AgentCallError("closed", reason));
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
