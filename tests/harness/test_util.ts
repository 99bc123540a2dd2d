// Shared by the agent's tests: a config over the defaults, one-call helpers, and a running
// agent process with a client that speaks the wire protocol.

import { assert, assertEquals } from "../support/assert.ts";
import { startAgentProcess } from "../support/agent_process.ts";
import { type AgentConfig, parseConfig } from "../../agent/config.ts";
import { setLogging } from "../../agent/log.ts";
import { type Handler, methodTable } from "../../agent/methods.ts";
import type { RpcError, RpcErrorName, RpcResponse } from "../../agent/protocol.ts";
import { handleLine } from "../../agent/rpc.ts";

// The request log would bury the test report.
setLogging(false);

export function testConfig(overrides: Record<string, unknown> = {}): AgentConfig {
  return parseConfig(overrides);
}

/** One request through the real dispatcher. */
export async function call(
  methods: Map<string, Handler>,
  method: string,
  params?: unknown,
): Promise<RpcResponse> {
  const response = await handleLine(
    JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    methods,
  );
  assert(response !== null, "a request with an id must be answered");
  return response;
}

export async function callWith(config: AgentConfig, method: string, params?: unknown) {
  return await call(methodTable(config), method, params);
}

export function resultOf<T = any>(response: RpcResponse | null): T {
  assert(response && "result" in response, `expected a result, got ${JSON.stringify(response)}`);
  return response.result as T;
}

export function errorOf(response: RpcResponse | null, name: RpcErrorName): RpcError {
  assert(response && "error" in response, `expected ${name}, got ${JSON.stringify(response)}`);
  assertEquals(response.error.data?.name, name, JSON.stringify(response.error));
  assert(!/\n\s+at /.test(response.error.message), "no stack on the wire");
  return response.error;
}

export const b64 = (text: string) => btoa(text);

/** A line-oriented client for a running agent. */
export class WireClient {
  #buffered = new Uint8Array(0);
  #decoder = new TextDecoder();
  #nextId = 1;

  constructor(readonly conn: Deno.Conn) {}

  static async connect(path: string): Promise<WireClient> {
    return new WireClient(await Deno.connect({ transport: "unix", path }));
  }

  async send(text: string | Uint8Array): Promise<void> {
    const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
    for (let at = 0; at < bytes.length;) at += await this.conn.write(bytes.subarray(at));
  }

  async readLine(): Promise<RpcResponse> {
    for (;;) {
      const nl = this.#buffered.indexOf(0x0a);
      if (nl >= 0) {
        const line = this.#buffered.subarray(0, nl);
        this.#buffered = this.#buffered.slice(nl + 1);
        return JSON.parse(this.#decoder.decode(line));
      }
      const chunk = new Uint8Array(1024 * 1024);
      const n = await this.conn.read(chunk);
      if (n === null) throw new Error("the agent closed the connection");
      const joined = new Uint8Array(this.#buffered.length + n);
      joined.set(this.#buffered);
      joined.set(chunk.subarray(0, n), this.#buffered.length);
      this.#buffered = joined;
    }
  }

  async call(method: string, params?: unknown): Promise<RpcResponse> {
    const id = this.#nextId++;
    await this.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    const response = await this.readLine();
    assertEquals(response.id, id);
    return response;
  }

  close(): void {
    this.conn.close();
  }
}

export interface RunningAgent {
  socket: string;
  client: WireClient;
  /** SIGTERM, then the exit status and everything the agent wrote to stderr. */
  stop(): Promise<{ code: number; stderr: string }>;
}

/** Starts `deno run <permissions> <entry> --listen-unix … --config …` and connects to it. */
export async function startAgent(
  entry: string,
  permissions: string[],
  config: Record<string, unknown>,
  dir: string,
): Promise<RunningAgent> {
  const agent = await startAgentProcess(dir, config, { entry, permissions });
  let client: WireClient;
  try {
    client = await WireClient.connect(agent.socket);
  } catch (err) {
    const { stderr } = await agent.stop();
    throw new Error(`cannot connect to the agent: ${(err as Error).message}\n${stderr}`);
  }
  return {
    socket: agent.socket,
    client,
    stop() {
      try {
        client.close();
      } catch { /* closed by the test */ }
      return agent.stop();
    },
  };
}
