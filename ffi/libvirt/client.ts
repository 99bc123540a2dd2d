// The main thread's handle on libvirt: a small pool of call workers (one kept, more while calls
// find it busy) and an events connection on this thread (client_events.ts). No libvirt call
// that may wait on libvirtd blocks the JavaScript thread that serves HTTP (the events
// connection's calls run off it; a private test node's run here, in-process), every call has a
// deadline, and the connection comes back by itself after libvirtd restarts. The shapes it shows
// (client_types.ts) and the pure rules it follows (call_policy.ts) live beside it.

import { ErrorCode, isConnectionLost, LibvirtError } from "./error.ts";
import { callLane, Lane, NotStarted } from "./lane.ts";
import { InlineLane } from "./inline_lane.ts";
import { registerEventLoop } from "./event_loop.ts";
import { ClientEvents } from "./client_events.ts";
import { ConsoleSession } from "./console.ts";
import type { OpArgs, OpName, OpResult } from "./ops.ts";
import {
  type ClientLimits,
  clientLimits,
  deadlineOf,
  firstDeadline,
  MAX_RETIRED,
  needsSharedConnection,
  pickLane,
  reconnectDelay,
  STATS_OPS,
} from "./call_policy.ts";
import type { ConnectionState, LibvirtClientOptions, Transfer } from "./client_types.ts";
import { silenceLibvirtErrors } from "./silence_errors.ts";

export { needsSharedConnection, pickLane, reconnectDelay } from "./call_policy.ts";
export type {
  ConnectionState,
  LibvirtClientOptions,
  LifecycleEvent,
  Transfer,
} from "./client_types.ts";

// How long close() lets a worker close its connection before stopping the thread anyway.
const CLOSE_WAIT_MS = 2000;
// How long a call that found every worker busy waits for one more to start.
const GROW_WAIT_MS = 200;

/** A call worker, or a private test node's calls on the main thread. */
type CallLane = Lane | InlineLane;

/**
 * Owns the libvirt worker threads and the connection lifecycle: connects, notices within
 * seconds when libvirtd goes away (close callback, keepalive), reconnects with backoff, and
 * dispatches "lifecycle", "pool", "network" (detail: the name) and "connection" events.
 */
export class LibvirtClient extends EventTarget {
  readonly uri: string;
  #calls: CallLane[] = [];
  #agentCalls: CallLane[] = [];
  /** Workers out of service, closed and stopped once libvirt returns from their last call. */
  #retired = new Set<Lane>();
  #agentWorkers: number;
  /** The most call workers at once; the first is kept, others start on demand (see #grow). */
  #maxCalls: number;
  /** A call worker beyond the first that had no call this long is stopped (~10 MiB each). */
  #idleWorkerMs: number;
  /** A call worker being started for calls that found every worker busy. */
  #growing: Promise<void> | null = null;
  /** When each call worker last finished a call, for stopping idle extra ones. */
  #lastUsed = new Map<CallLane, number>();
  #shrinkTimer: ReturnType<typeof setInterval> | undefined;
  #shared: boolean;
  /** The events connection, on this thread (client_events.ts). */
  #events: ClientEvents;
  #state: ConnectionState;
  #limits: ClientLimits;
  #failures = 0;
  /** How long each stats op last took, for its first deadline. */
  #statsTook = new Map<OpName, number>();
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #connecting: Promise<boolean> | null = null;
  #closed = false;
  /** Open serial consoles, each on a worker of its own; close() ends them. */
  #consoles = new Set<ConsoleSession>();

  constructor(options: LibvirtClientOptions) {
    super();
    const { uri, workers = 2, agentWorkers = 2, idleWorkerMs = 15_000 } = options;
    silenceLibvirtErrors();
    // Before any connection of the process opens (the call workers' too): keepalive needs it.
    registerEventLoop();
    this.uri = uri;
    this.#limits = clientLimits(options);
    this.#agentWorkers = agentWorkers;
    this.#maxCalls = Math.max(1, workers);
    this.#idleWorkerMs = idleWorkerMs;
    this.#state = { connected: false, uri, error: null };
    this.#shared = needsSharedConnection(uri);
    this.#events = new ClientEvents(this, (why) => this.#lost(why));
    if (this.#shared) {
      const inline = new InlineLane(() => this.#events.connection);
      this.#calls.push(inline);
      this.#agentCalls.push(inline);
    } else {
      // One call worker to begin with: a V8 isolate each, so more start only while calls find
      // every one busy, and stop again once idle (#grow, #shrink).
      this.#calls.push(this.#callLane());
      this.#shrinkTimer = setInterval(
        () => this.#shrink(),
        Math.min(10_000, Math.max(10, idleWorkerMs / 3)),
      );
      Deno.unrefTimer(this.#shrinkTimer);
    }
  }

  /**
   * The worker threads (each a V8 isolate) this client holds now: its events worker, call and
   * guest-agent workers, retired workers still inside libvirt, and open serial consoles.
   */
  get isolates(): number {
    return new Set([...this.#lanes(), ...this.#retired]).size + this.#consoles.size;
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
    if (this.#closed) return false;
    const request = this.#connectRequest();
    try {
      // Call workers first: their opens, on threads of their own, carry libvirt's words when
      // they fail; the events connection is opened off the JS thread once they succeeded.
      if (!this.#shared) await Promise.all(this.#lanes().map((lane) => lane.send(request)));
      await this.#events.open(this.uri, this.#limits.keepAlive);
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

  /**
   * Starts one more call worker when there is room (one start at a time); resolves once it is
   * connected and in service, or has failed (the calls then share the workers there are).
   */
  #grow(): Promise<void> {
    if (this.#shared || this.#closed || !this.#state.connected) return Promise.resolve();
    if (this.#calls.length >= this.#maxCalls) return Promise.resolve();
    return this.#growing ??= (async () => {
      const lane = this.#callLane();
      try {
        await lane.send(this.#connectRequest(), this.#limits.callTimeoutMs);
        if (this.#closed) throw new Error("closed");
        this.#calls.push(lane);
        this.#lastUsed.set(lane, performance.now());
      } catch {
        this.#dispose(lane);
      }
    })().finally(() => this.#growing = null);
  }

  /** Stops call workers beyond the first that have had no call for idleWorkerMs. */
  #shrink(): void {
    const now = performance.now();
    for (const lane of this.#calls.slice(1)) {
      if (
        !(lane instanceof Lane) || lane.busy > 0 ||
        now - (this.#lastUsed.get(lane) ?? now) < this.#idleWorkerMs
      ) continue;
      this.#calls.splice(this.#calls.indexOf(lane), 1);
      this.#lastUsed.delete(lane);
      this.#dispose(lane);
    }
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
    const lanes = [...this.#calls, ...this.#agentCalls].filter((l) => l instanceof Lane);
    return [...new Set(lanes)];
  }

  async #callOn<K extends OpName>(
    lanes: () => CallLane[],
    op: K,
    args: OpArgs<K>,
  ): Promise<OpResult<K>> {
    if (!this.#state.connected) {
      throw new LibvirtError(ErrorCode.NO_CONNECT, 0, this.#state.error ?? "not connected");
    }
    const deadline = deadlineOf(op, this.#limits);
    const stats = STATS_OPS.has(op);
    let first = firstDeadline(op, deadline, this.#limits, this.#statsTook.get(op));
    for (let moves = 0;; moves++) {
      // Every call worker busy: another starts (a few ms on this machine), rather than this
      // call waiting behind a slow one. A start that takes longer (a remote host, a libvirtd
      // that does not answer) goes on for later calls; this one queues where it can.
      if (lanes() === this.#calls && this.#calls.every((lane) => lane.busy > 0)) {
        await waitAtMost(this.#grow(), GROW_WAIT_MS);
      }
      // Ties go to the first worker, so the extra ones take only the overflow and can go idle.
      const target = pickLane(lanes(), 0);
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
        const value = await target.send({ type: "call", op, args }, first, deadline)
          .finally(() =>
            this.#calls.includes(target) && this.#lastUsed.set(target, performance.now())
          );
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
      this.#lastUsed.delete(lane);
      this.#lastUsed.set(fresh, performance.now());
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
        lane.send({ type: "call", op, args }, deadlineMs ?? deadlineOf(op, this.#limits)) as never,
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
    await Promise.resolve();
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
    clearInterval(this.#shrinkTimer);
    await this.#growing;
    await Promise.allSettled([...this.#consoles].map((session) => session.close()));
    const disconnect = { type: "disconnect" } as const;
    // Close connections inside their threads first.
    await Promise.allSettled(this.#lanes().map((lane) => lane.send(disconnect, CLOSE_WAIT_MS)));
    // An open under way (a reconnect) closes its connection itself on seeing #closed.
    await this.#connecting?.catch(() => {});
    await this.#events.close(CLOSE_WAIT_MS);
    for (const lane of [...this.#lanes(), ...this.#retired]) lane.terminate();
    for (const lane of [...this.#calls, ...this.#agentCalls]) lane.terminate();
    this.#calls = [];
    this.#agentCalls = [];
    this.#retired.clear();
    this.#state = { connected: false, uri: this.uri, error: "closed" };
  }
}

/** Waits for `work`, but at most `ms`; it goes on after. */
async function waitAtMost(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise<void>((r) => timer = setTimeout(r, ms))]);
  clearTimeout(timer);
}
