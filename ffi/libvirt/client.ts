// The main thread's handle on libvirt: a small pool of call workers plus the events worker.
// No libvirt call runs on the JavaScript thread that serves HTTP, so none can stall it; every
// call has a deadline, and the connection comes back by itself after libvirtd restarts.

import { ErrorCode, isConnectionLost, LibvirtError } from "./error.ts";
import { callLane, Lane, NotStarted } from "./lane.ts";
import { ConsoleSession } from "./console.ts";
import type { OpArgs, OpName, OpResult } from "./ops.ts";
import type { EventMessage, KeepAlive, WorkerReply } from "./protocol.ts";
import { lv } from "./library.ts";

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
  /** First delay before reconnecting after the connection is lost; doubles per failed try. */
  reconnectMs?: number;
  /** Longest delay between reconnect attempts. */
  reconnectMaxMs?: number;
  /**
   * Deadline of an ordinary call: past it the call fails with DEADLINE_EXCEEDED. Default 60 s,
   * or KVMM_LIBVIRT_CALL_TIMEOUT_MS (tests, very slow hosts).
   */
  callTimeoutMs?: number;
  /** Deadline of the calls that copy disk data or snapshot memory (SLOW_OPS). */
  slowCallTimeoutMs?: number;
  /**
   * First deadline of the bulk stats calls (STATS_OPS): default 1 s or
   * KVMM_LIBVIRT_STATS_TIMEOUT_MS, or four times the op's last duration when that is longer
   * (a big host). Past it the call is made once more with the ordinary deadline.
   */
  statsTimeoutMs?: number;
  /** How long connect() waits for an answer; the attempt itself goes on until libvirtd answers. */
  connectTimeoutMs?: number;
  /** Keepalive of every connection: a silent libvirtd is dropped after interval × (count + 1) s. */
  keepAlive?: KeepAlive;
}

/**
 * Ops that copy or allocate disk data, snapshot a guest's memory or walk a whole pool, which
 * may rightly take minutes. Keepalive still ends them when libvirtd itself stops answering.
 */
const SLOW_OPS: ReadonlySet<OpName> = new Set<OpName>([
  "volumeCreate",
  "volumeClone",
  "volumeCloneIn",
  "volumeUpload",
  "volumeResize",
  "volumeResizeIn",
  "volumeDelete",
  "volumeDeleteIn",
  "uploadFinish",
  "poolAction",
  "poolRefresh",
  "poolDelete",
  "snapshotCreate",
  "snapshotRevert",
  "snapshotDelete",
  "checkpointDelete",
]);

/**
 * Read-only bulk stats calls, made with libvirt's NOWAIT flag. NOWAIT skips a domain whose job
 * someone holds, but the first call to take the job of a domain whose QEMU stopped answering
 * waits on its monitor for as long as QEMU is stuck (on libvirt 9 even CPU time asks the
 * monitor). So such a call first gets a short deadline; past it, it is made again on another
 * worker, where NOWAIT now skips the stuck domain (its job is held by the first call), with
 * the ordinary deadline. https://libvirt.org/html/libvirt-libvirt-domain.html#virConnectGetAllDomainStats
 */
const STATS_OPS: ReadonlySet<OpName> = new Set<OpName>([
  "domainList",
  "domainStats",
  "metricsReading",
]);

/**
 * The lane for the next call: the least busy one that is not stuck on a call past its
 * deadline, a lane on a long call (a disk copy) only when every other is busier than it could
 * be; ties go round-robin from position `turn`, so idle lanes share the calls. None when every
 * lane is stuck.
 */
export function pickLane<L extends { busy: number; stuck: boolean; long?: boolean }>(
  lanes: readonly L[],
  turn: number,
): L | undefined {
  // A long call may take minutes: rank its lane behind any lane with short calls queued.
  const load = (lane: L) => lane.busy + (lane.long ? 1_000 : 0);
  let best: L | undefined;
  for (let k = 0; k < lanes.length; k++) {
    const lane = lanes[(turn + k) % lanes.length];
    if (!lane.stuck && (!best || load(lane) < load(best))) best = lane;
  }
  return best;
}

// A worker whose call missed its deadline is still inside libvirt and is replaced by a fresh
// one. Past this many such workers a late one stays in service instead (its later calls keep
// their deadlines), so a hung libvirtd cannot make us start threads without end.
const MAX_RETIRED = 4;
// How long close() lets a worker close its connection before stopping the thread anyway.
const CLOSE_WAIT_MS = 2000;

// virConnectCloseReason, in words (https://libvirt.org/html/libvirt-libvirt-host.html#virConnectCloseReason).
const CLOSE_REASONS = [
  "the connection to libvirtd failed",
  "libvirtd closed the connection (stopped or restarting)",
  "libvirtd stopped answering (keepalive timed out)",
];

/** The wait before reconnect attempt `failures + 1`: doubling from reconnectMs up to the cap. */
export function reconnectDelay(
  failures: number,
  { reconnectMs, reconnectMaxMs }: { reconnectMs: number; reconnectMaxMs: number },
): number {
  return Math.min(reconnectMs * 2 ** Math.min(failures, 30), reconnectMaxMs);
}

/**
 * True when every virConnectOpen of `uri` gets its own private state — libvirt's test driver
 * with a node file — so calls and events must share the events worker's one connection.
 */
export function needsSharedConnection(uri: string): boolean {
  return uri.startsWith("test://") && !/^test:\/\/\/default\/?$/.test(uri);
}

let errorsSilenced = false;

/**
 * Silences libvirt's default error handler, which prints every error to stderr (errors still
 * reach callers through virGetLastError). The handler is one per process and libvirt calls it
 * on any thread, so it belongs to the main thread, which outlives every worker: a handler made
 * by a worker that has stopped (a removed host's) aborts the process when libvirt calls it.
 */
function silenceLibvirtErrors() {
  if (errorsSilenced) return;
  errorsSilenced = true;
  const quiet = Deno.UnsafeCallback.threadSafe(
    { parameters: ["pointer", "pointer"], result: "void" } as const,
    () => {},
  );
  // Never closed (libvirt may call it until the process ends); it must not keep the process up.
  quiet.unref();
  lv().virSetErrorFunc(null, quiet.pointer);
}

/**
 * Owns the libvirt worker threads and the connection lifecycle: connects, notices within
 * seconds when libvirtd goes away (close callback, keepalive), reconnects with backoff, and
 * dispatches "lifecycle", "pool", "network" (detail: the name) and "connection" events.
 */
export class LibvirtClient extends EventTarget {
  readonly uri: string;
  #calls: Lane[] = [];
  #agentCalls: Lane[] = [];
  /** Workers out of service, closed and stopped once libvirt returns from their last call. */
  #retired = new Set<Lane>();
  #agentWorkers: number;
  #shared: boolean;
  #events: Lane;
  #state: ConnectionState;
  #limits: {
    reconnectMs: number;
    reconnectMaxMs: number;
    callTimeoutMs: number;
    slowCallTimeoutMs: number;
    statsTimeoutMs: number;
    connectTimeoutMs: number;
    keepAlive: KeepAlive;
  };
  #failures = 0;
  /** Round-robin position of the next call among equally busy lanes. */
  #turn = 0;
  /** How long each stats op last took, for its first deadline. */
  #statsTook = new Map<OpName, number>();
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #connecting: Promise<boolean> | null = null;
  #closed = false;
  #eventsReady: Promise<void>;
  /** Open serial consoles, each on a worker of its own; close() ends them. */
  #consoles = new Set<ConsoleSession>();

  constructor({
    uri,
    workers = 2,
    agentWorkers = 2,
    reconnectMs = 500,
    reconnectMaxMs = 5000,
    callTimeoutMs = Number(Deno.env.get("KVMM_LIBVIRT_CALL_TIMEOUT_MS")) || 60_000,
    slowCallTimeoutMs = 30 * 60_000,
    statsTimeoutMs = Number(Deno.env.get("KVMM_LIBVIRT_STATS_TIMEOUT_MS")) || 1000,
    connectTimeoutMs = 15_000,
    keepAlive = { intervalSeconds: 5, count: 3 },
  }: LibvirtClientOptions) {
    super();
    silenceLibvirtErrors();
    this.uri = uri;
    this.#limits = {
      reconnectMs,
      reconnectMaxMs,
      callTimeoutMs,
      slowCallTimeoutMs,
      statsTimeoutMs,
      connectTimeoutMs,
      keepAlive,
    };
    this.#agentWorkers = agentWorkers;
    this.#state = { connected: false, uri, error: null };
    this.#shared = needsSharedConnection(uri);
    const events = new Lane(
      new Worker(new URL("./events_worker.ts", import.meta.url), { type: "module" }),
    );
    this.#events = events;
    let ready!: () => void;
    this.#eventsReady = new Promise((r) => ready = r);
    events.worker.onmessage = (e: MessageEvent<EventMessage | WorkerReply>) => {
      const msg = e.data;
      if ("ok" in msg) return events.settle(msg);
      switch (msg.type) {
        case "ready":
          // Call workers start only now: the event loop must exist before any connection.
          if (this.#shared) {
            this.#calls.push(events);
            this.#agentCalls.push(events);
          } else {
            for (let i = 0; i < workers; i++) this.#calls.push(this.#callLane());
          }
          ready();
          break;
        case "closed":
          this.#lost(CLOSE_REASONS[msg.reason] ?? "the connection to libvirtd was closed");
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
   * Calls still inside libvirt past their deadline (in service or retired). Above 0, some
   * domain's QEMU or libvirtd itself is not answering.
   */
  get stuckCalls(): number {
    return [...this.#lanes(), ...this.#retired].filter((lane) => lane.stuck).length;
  }

  /**
   * Connects every worker. Resolves true when connected; false when the attempt failed (a
   * retry is scheduled) or libvirtd did not answer within connectTimeoutMs (the attempt goes
   * on, and the "connection" event tells when it succeeds).
   */
  connect(): Promise<boolean> {
    const attempt = this.#connecting ??= this.#connectOnce().finally(() => this.#connecting = null);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        if (!this.#state.connected && !this.#closed) {
          const seconds = this.#limits.connectTimeoutMs / 1000;
          this.#setState({
            connected: false,
            uri: this.uri,
            error: `libvirtd did not answer within ${seconds} s (is it stopped or overloaded?)`,
          });
        }
        resolve(false);
      }, this.#limits.connectTimeoutMs);
    });
    return Promise.race([attempt, gaveUp]).finally(() => clearTimeout(timer));
  }

  async #connectOnce(): Promise<boolean> {
    await this.#eventsReady;
    if (this.#closed) return false;
    const request = this.#connectRequest();
    try {
      // Call workers first: while libvirtd hangs, their opens wait, not the events worker's,
      // whose thread must stay free to run libvirt's event-loop callbacks.
      if (!this.#shared) await Promise.all(this.#lanes().map((lane) => lane.send(request)));
      await this.#events.send(request);
      if (this.#closed) return false;
      this.#failures = 0;
      this.#setState({ connected: true, uri: this.uri, error: null });
      return true;
    } catch (err) {
      this.#lost(err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  /** Marks the connection lost and schedules a reconnect (0.5 s, doubling up to 5 s by default). */
  #lost(error: string) {
    if (this.#closed) return;
    this.#setState({ connected: false, uri: this.uri, error });
    if (this.#reconnectTimer !== undefined) return;
    const delay = reconnectDelay(this.#failures++, this.#limits);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  #setState(next: ConnectionState) {
    const changed = next.connected !== this.#state.connected || next.error !== this.#state.error;
    this.#state = next;
    if (changed) {
      this.dispatchEvent(new CustomEvent<ConnectionState>("connection", { detail: this.state }));
    }
  }

  /**
   * Runs one libvirt op on the least busy call worker that is not stuck (round-robin among
   * equals). Rejects with that call's own LibvirtError; with NO_CONNECT at once while
   * disconnected; with DEADLINE_EXCEEDED when libvirtd does not answer within the op's deadline
   * (counted from when the worker gets the call) or every worker is stuck.
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
    const idle = this.#agentCalls.some((w) => w.busy === 0);
    const room = !this.#shared && this.#agentCalls.length < this.#agentWorkers;
    if (!idle && room && this.#state.connected) {
      const lane = this.#callLane();
      try {
        await lane.send(this.#connectRequest(), this.#limits.callTimeoutMs);
        this.#agentCalls.push(lane);
      } catch {
        this.#dispose(lane);
      }
    }
    return this.#callOn(() => this.#agentCalls.length ? this.#agentCalls : this.#calls, op, args);
  }

  /** A new call worker that is retired once a call on it misses its deadline. */
  #callLane(): Lane {
    const lane = callLane();
    lane.onStuck = () => this.#retire(lane);
    return lane;
  }

  #connectRequest() {
    return { type: "connect", uri: this.uri, keepAlive: this.#limits.keepAlive } as const;
  }

  /** Every distinct worker in service that holds a connection of its own. */
  #lanes(): Lane[] {
    return [...new Set([...this.#calls, ...this.#agentCalls])];
  }

  #deadlineOf(op: OpName): number {
    return SLOW_OPS.has(op) ? this.#limits.slowCallTimeoutMs : this.#limits.callTimeoutMs;
  }

  async #callOn<K extends OpName>(
    lanes: () => Lane[],
    op: K,
    args: OpArgs<K>,
  ): Promise<OpResult<K>> {
    await this.#eventsReady;
    if (!this.#state.connected) {
      throw new LibvirtError(ErrorCode.NO_CONNECT, 0, this.#state.error ?? "not connected");
    }
    const deadline = this.#deadlineOf(op);
    const stats = STATS_OPS.has(op);
    let first = stats
      ? Math.min(
        deadline,
        Math.max(this.#limits.statsTimeoutMs, 4 * (this.#statsTook.get(op) ?? 0)),
      )
      : deadline;
    for (let moves = 0;; moves++) {
      const target = pickLane(lanes(), this.#turn++);
      if (!target) {
        throw new LibvirtError(
          ErrorCode.DEADLINE_EXCEEDED,
          0,
          `every libvirt worker is waiting on a call past its deadline (the call ${op})`,
        );
      }
      try {
        const started = performance.now();
        // The wait in a lane's queue is bounded by the ordinary deadline, not the short one.
        const value = await target.send({ type: "call", op, args }, first, deadline);
        if (stats) this.#statsTook.set(op, performance.now() - started);
        return value as OpResult<K>;
      } catch (err) {
        if (!(err instanceof LibvirtError) || this.#closed) throw err;
        // Never reached libvirt: its lane got stuck ahead of it (and was replaced).
        if (err instanceof NotStarted) {
          if (err.reason === "stuck" && moves < 8) continue;
          throw err;
        }
        // A stats call past its short deadline: once more, where NOWAIT skips the stuck domain.
        if (err.code === ErrorCode.DEADLINE_EXCEEDED && first < deadline) {
          first = deadline;
          continue;
        }
        // Once disconnected a reconnect is already under way; keep the first, clearer error.
        if (isConnectionLost(err) && this.#state.connected) this.#lost(err.message);
        throw err;
      }
    }
  }

  /**
   * Takes a worker whose call missed its deadline out of service, so later calls do not queue
   * behind it; a fresh worker takes its place among the call workers.
   */
  #retire(lane: Lane) {
    if (this.#shared || this.#closed || this.#retired.size >= MAX_RETIRED) return;
    const i = this.#calls.indexOf(lane);
    if (i >= 0) {
      const fresh = this.#callLane();
      this.#calls[i] = fresh;
      // A failure here shows as NO_CONNECT on its first call, which starts a reconnect.
      if (this.#state.connected) fresh.send(this.#connectRequest()).catch(() => {});
    } else {
      const j = this.#agentCalls.indexOf(lane);
      if (j < 0) return;
      this.#agentCalls.splice(j, 1); // started again on the next agent call
    }
    this.#dispose(lane);
  }

  /** Closes a worker's connection once libvirt has returned from its calls, then stops it. */
  async #dispose(lane: Lane): Promise<void> {
    this.#retired.add(lane);
    try {
      await lane.idle();
      await lane.send({ type: "disconnect" }, CLOSE_WAIT_MS).catch(() => {});
    } finally {
      lane.terminate();
      this.#retired.delete(lane);
    }
  }

  /**
   * A worker and connection of its own for one streaming transfer (volume upload or download),
   * so a long transfer never queues the other calls. Each of its calls (one chunk) has the
   * ordinary deadline, so a transfer that stops moving fails. Close it when done.
   * `deadlineMs` replaces that deadline for every call of the transfer: Infinity for a
   * migration, one call that lasts as long as the migration (keepalive still ends it when a
   * libvirtd stops answering).
   */
  async openTransfer({ deadlineMs }: { deadlineMs?: number } = {}): Promise<Transfer> {
    await this.#mayOpenConnection("stream volume data");
    const lane = callLane();
    try {
      await lane.send(this.#connectRequest(), this.#limits.callTimeoutMs);
    } catch (err) {
      this.#dispose(lane);
      throw err;
    }
    let closing: Promise<void> | null = null;
    return {
      call: (op, ...args) =>
        lane.send({ type: "call", op, args }, deadlineMs ?? this.#deadlineOf(op)) as never,
      close: () => {
        if (!closing) {
          const done = this.#dispose(lane);
          // A chunk stuck inside libvirt must not hold up the request that gives up on it.
          closing = lane.busy ? Promise.resolve() : done;
        }
        return closing;
      },
    };
  }

  /**
   * A domain's serial console on a worker thread and connection of its own (ffi/libvirt/console.ts),
   * so a session that lasts hours never holds up other calls. Rejects with libvirt's error:
   * OPERATION_FAILED while another client holds the console and `force` is false,
   * NO_SUPPORT where the driver has no consoles (libvirt's test driver). Close it when done.
   */
  async openConsole(id: string, { force = false } = {}): Promise<ConsoleSession> {
    await this.#mayOpenConnection("open a console");
    const session = await ConsoleSession.open({
      connect: this.#connectRequest(),
      id,
      force,
      deadlineMs: this.#limits.callTimeoutMs,
    });
    if (this.#closed) {
      await session.close();
      throw new LibvirtError(ErrorCode.NO_CONNECT, 0, "libvirt client closed");
    }
    this.#consoles.add(session);
    session.ended.then(() => this.#consoles.delete(session));
    return session;
  }

  /**
   * Throws unless a worker of its own may open a connection for `what`: NO_CONNECT while
   * disconnected, NO_SUPPORT on a private test node (it exists only on the one shared
   * connection).
   */
  async #mayOpenConnection(what: string): Promise<void> {
    await this.#eventsReady;
    if (!this.#state.connected) {
      throw new LibvirtError(ErrorCode.NO_CONNECT, 0, this.#state.error ?? "not connected");
    }
    if (this.#shared) {
      throw new LibvirtError(
        ErrorCode.NO_SUPPORT,
        0,
        `this test connection cannot ${what} (it has no second connection)`,
      );
    }
  }

  /** Closes every connection, then stops every worker; pending calls reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    await this.#eventsReady;
    await Promise.allSettled([...this.#consoles].map((session) => session.close()));
    const disconnect = { type: "disconnect" } as const;
    // Close connections inside their threads first, so libvirt drops our callbacks.
    if (!this.#shared) {
      await Promise.allSettled(this.#lanes().map((lane) => lane.send(disconnect, CLOSE_WAIT_MS)));
    }
    await this.#events.send(disconnect, CLOSE_WAIT_MS).catch(() => {});
    for (const lane of [...this.#lanes(), ...this.#retired]) lane.terminate();
    this.#events.terminate();
    this.#calls = [];
    this.#agentCalls = [];
    this.#retired.clear();
    this.#state = { connected: false, uri: this.uri, error: "closed" };
  }
}
