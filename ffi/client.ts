// The main thread's handle on libvirt: a small pool of call workers plus the events worker.
// No libvirt call runs on the JavaScript thread that serves HTTP, so none can stall it.

import { ErrorCode, LibvirtError } from "./error.ts";
import type { OpArgs, OpName, OpResult } from "./ops.ts";
import type { EventMessage, WorkerReply, WorkerRequest } from "./protocol.ts";

/** A domain lifecycle event as libvirt reported it (virDomainEventType and its detail). */
export interface LifecycleEvent {
  uuid: string;
  name: string;
  event: number;
  detail: number;
}

/** A dedicated worker for one transfer; see LibvirtClient.openTransfer. */
export interface Transfer {
  call<K extends OpName>(op: K, ...args: OpArgs<K>): Promise<OpResult<K>>;
  close(): Promise<void>;
}

/** Connection state as the rest of the program sees it. */
export interface ConnectionState {
  connected: boolean;
  uri: string;
  error: string | null;
}

export interface LibvirtClientOptions {
  uri: string;
  /** Call workers; each owns a connection so one slow call does not queue the others. */
  workers?: number;
  /** Workers for calls that wait on a guest agent, kept apart so they never queue the rest. */
  agentWorkers?: number;
  /** Delay between reconnect attempts after the connection is lost. */
  reconnectMs?: number;
}

// Omit distributed over the union, so each request kind keeps its own fields.
type RequestBody = WorkerRequest extends infer R ? R extends WorkerRequest ? Omit<R, "id"> : never
  : never;

type Pending = { resolve(v: unknown): void; reject(e: unknown): void };

/** Request/reply traffic with one worker thread. */
class CallChannel {
  readonly pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(readonly worker: Worker) {}

  /** Settles the pending request a reply answers. */
  settle(reply: WorkerReply) {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new LibvirtError(reply.code, reply.domain, reply.message));
  }

  send(req: RequestBody): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id }, transferables(req));
    });
  }

  terminate() {
    this.worker.terminate();
    for (const p of this.pending.values()) {
      p.reject(new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed"));
    }
    this.pending.clear();
  }
}

/**
 * The byte buffers among a call's arguments: moved to the worker rather than copied, so a
 * transfer's chunks do not pile up as garbage on both sides. The caller must not reuse them.
 */
function transferables(req: RequestBody): ArrayBuffer[] {
  if (req.type !== "call") return [];
  return req.args.flatMap((a) =>
    a instanceof Uint8Array && a.buffer instanceof ArrayBuffer &&
      a.byteOffset === 0 && a.byteLength === a.buffer.byteLength
      ? [a.buffer]
      : []
  );
}

function callWorker(): CallChannel {
  const channel = new CallChannel(
    new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  channel.worker.onmessage = (e: MessageEvent<WorkerReply>) => channel.settle(e.data);
  return channel;
}

/**
 * True when every virConnectOpen of `uri` gets its own private state — libvirt's test driver
 * with a node file — so calls and events must share the events worker's one connection.
 */
export function needsSharedConnection(uri: string): boolean {
  return uri.startsWith("test://") && !/^test:\/\/\/default\/?$/.test(uri);
}

/**
 * Owns the libvirt worker threads and the connection lifecycle: connects, reconnects after
 * libvirtd goes away, and dispatches "lifecycle", "pool", "network" (detail: the name) and
 * "connection" events.
 */
export class LibvirtClient extends EventTarget {
  readonly uri: string;
  #calls: CallChannel[] = [];
  #agentCalls: CallChannel[] = [];
  #agentWorkers: number;
  #shared: boolean;
  #events: Worker | null = null;
  #state: ConnectionState;
  #reconnectMs: number;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #connecting: Promise<boolean> | null = null;
  #closed = false;
  #eventsReady: Promise<void>;
  #eventsConnected: ((msg: EventMessage) => void) | null = null;

  constructor({ uri, workers = 2, agentWorkers = 2, reconnectMs = 3000 }: LibvirtClientOptions) {
    super();
    this.uri = uri;
    this.#reconnectMs = reconnectMs;
    this.#agentWorkers = agentWorkers;
    this.#state = { connected: false, uri, error: null };
    this.#shared = needsSharedConnection(uri);
    const events = new Worker(new URL("./events_worker.ts", import.meta.url), { type: "module" });
    this.#events = events;
    const eventsChannel = new CallChannel(events);
    let ready!: () => void;
    this.#eventsReady = new Promise((r) => ready = r);
    events.onmessage = (e: MessageEvent<EventMessage | WorkerReply>) => {
      const msg = e.data;
      if ("ok" in msg) return eventsChannel.settle(msg);
      switch (msg.type) {
        case "ready":
          // Call workers start only now: the event loop must exist before any connection.
          if (this.#shared) {
            this.#calls.push(eventsChannel);
            this.#agentCalls.push(eventsChannel);
          } else {
            for (let i = 0; i < workers; i++) this.#calls.push(callWorker());
          }
          ready();
          break;
        case "connected":
        case "connect-failed":
        case "disconnected":
          this.#eventsConnected?.(msg);
          break;
        case "closed":
          this.#lost("connection to libvirt closed");
          break;
        case "lifecycle":
          this.dispatchEvent(new CustomEvent<LifecycleEvent>("lifecycle", { detail: msg }));
          break;
        case "pool":
        case "network":
          this.dispatchEvent(new CustomEvent<string>(msg.type, { detail: msg.name }));
          break;
      }
    };
  }

  /** The current connection state. */
  get state(): ConnectionState {
    return { ...this.#state };
  }

  /**
   * Connects every worker. Resolves true when connected; on failure records the error,
   * schedules a retry and resolves false.
   */
  connect(): Promise<boolean> {
    this.#connecting ??= this.#connectOnce().finally(() => this.#connecting = null);
    return this.#connecting;
  }

  async #connectOnce(): Promise<boolean> {
    await this.#eventsReady;
    if (this.#closed) return false;
    try {
      const reply = await new Promise<EventMessage>((resolve) => {
        this.#eventsConnected = resolve;
        this.#events!.postMessage({ type: "connect", uri: this.uri });
      });
      if (reply.type === "connect-failed") {
        throw new LibvirtError(reply.code, reply.domain, reply.message);
      }
      if (!this.#shared) {
        await Promise.all(
          this.#workers().map((w) => w.send({ type: "connect", uri: this.uri })),
        );
      }
      this.#setState({ connected: true, uri: this.uri, error: null });
      return true;
    } catch (err) {
      this.#lost(err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  #lost(error: string) {
    this.#setState({ connected: false, uri: this.uri, error });
    if (this.#closed || this.#reconnectTimer !== undefined) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.connect();
    }, this.#reconnectMs);
  }

  #setState(next: ConnectionState) {
    const changed = next.connected !== this.#state.connected || next.error !== this.#state.error;
    this.#state = next;
    if (changed) {
      this.dispatchEvent(new CustomEvent<ConnectionState>("connection", { detail: this.state }));
    }
  }

  /**
   * Runs one libvirt op on the least busy call worker. Rejects with that call's own
   * LibvirtError; rejects with NO_CONNECT while disconnected.
   */
  call<K extends OpName>(op: K, ...args: OpArgs<K>): Promise<OpResult<K>> {
    return this.#callOn(() => this.#calls, op, args);
  }

  /**
   * Like call, on workers kept for calls that wait on a guest agent (seconds when the guest is
   * slow), so those never delay listing, stats or lifecycle calls.
   */
  async callAgent<K extends OpName>(op: K, ...args: OpArgs<K>): Promise<OpResult<K>> {
    await this.#eventsReady;
    // Started on first need (most hosts run no agents) and while every one is busy.
    const idle = this.#agentCalls.some((w) => w.pending.size === 0);
    const room = !this.#shared && this.#agentCalls.length < this.#agentWorkers;
    if (!idle && room && this.#state.connected) {
      const channel = callWorker();
      try {
        await channel.send({ type: "connect", uri: this.uri });
        this.#agentCalls.push(channel);
      } catch {
        channel.terminate();
      }
    }
    return this.#callOn(() => this.#agentCalls.length ? this.#agentCalls : this.#calls, op, args);
  }

  /** Every distinct worker that holds a connection of its own. */
  #workers(): CallChannel[] {
    return [...new Set([...this.#calls, ...this.#agentCalls])];
  }

  async #callOn<K extends OpName>(
    lane: () => CallChannel[],
    op: K,
    args: OpArgs<K>,
  ): Promise<OpResult<K>> {
    await this.#eventsReady;
    if (!this.#state.connected) {
      throw new LibvirtError(ErrorCode.NO_CONNECT, 0, this.#state.error ?? "not connected");
    }
    const channels = lane();
    let target = channels[0];
    for (const w of channels) if (w.pending.size < target.pending.size) target = w;
    try {
      return await target.send({ type: "call", op, args }) as OpResult<K>;
    } catch (err) {
      if (err instanceof LibvirtError && isConnectionLost(err)) this.#lost(err.message);
      throw err;
    }
  }

  /**
   * A worker and connection of its own for one streaming transfer (volume upload or download),
   * so a long transfer never queues the other calls. Close it when done.
   */
  async openTransfer(): Promise<Transfer> {
    await this.#eventsReady;
    if (!this.#state.connected) {
      throw new LibvirtError(ErrorCode.NO_CONNECT, 0, this.#state.error ?? "not connected");
    }
    if (this.#shared) {
      // A private test node exists only on the one shared connection.
      throw new LibvirtError(
        ErrorCode.NO_SUPPORT,
        0,
        "this test connection cannot stream volume data (it has no second connection)",
      );
    }
    const channel = callWorker();
    try {
      await channel.send({ type: "connect", uri: this.uri });
    } catch (err) {
      channel.terminate();
      throw err;
    }
    let closed = false;
    return {
      call: (op, ...args) => channel.send({ type: "call", op, args }) as never,
      close: async () => {
        if (closed) return;
        closed = true;
        await channel.send({ type: "disconnect" }).catch(() => {});
        channel.terminate();
      },
    };
  }

  /** Closes every connection, then stops every worker; pending calls reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    await this.#eventsReady;
    // Close connections inside their threads first, so libvirt drops our callbacks.
    if (!this.#shared) {
      await Promise.allSettled(this.#workers().map((w) => w.send({ type: "disconnect" })));
    }
    const events = this.#events!;
    await new Promise<void>((resolve) => {
      this.#eventsConnected = () => resolve();
      events.postMessage({ type: "disconnect" });
    });
    for (const w of this.#workers()) w.terminate();
    this.#calls = [];
    this.#agentCalls = [];
    events.terminate();
    this.#events = null;
    this.#state = { connected: false, uri: this.uri, error: "closed" };
  }
}

// virErrorDomain VIR_FROM_RPC: a system error there is the socket to libvirtd failing.
const ERROR_DOMAIN_RPC = 7;

/** Errors that mean the connection itself is gone rather than that one call failed. */
function isConnectionLost(err: LibvirtError): boolean {
  return err.code === ErrorCode.INVALID_CONN || err.code === ErrorCode.NO_CONNECT ||
    (err.code === ErrorCode.SYSTEM_ERROR && err.domain === ERROR_DOMAIN_RPC);
}
