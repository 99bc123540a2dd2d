// The main thread's handle on one host's libvirt: its events connection, opened and watched on
// this thread (client_events.ts), and its connections for calls (call_connections.ts, one call
// each), whose calls run on the process's shared call workers (call_pool.ts), each on a reference
// of its own to its connection. No libvirt call that may wait on libvirtd blocks the JavaScript
// thread that serves HTTP (a private test node's run here, in-process: they never wait), every
// call has a deadline, and the connections come back by themselves after libvirtd restarts. The
// shapes it shows (client_types.ts) and the pure rules it follows (call_policy.ts) live beside it.

import { ErrorCode, isConnectionLost, LibvirtError, openFailure } from "./error.ts";
import { type Connection, OpenedOffThread } from "./connection.ts";
import { callLane, deadlineError, Lane, notFree, NotStarted } from "./lane.ts";
import type { MetricsReading } from "./ops/metrics.ts";
import {
  type OffThreadArgs,
  type OffThreadOp,
  offThreadOps,
  type OffThreadResult,
} from "./ops/off_thread_reads.ts";
import { CallConnections } from "./call_connections.ts";
import { InlineLane } from "./inline_lane.ts";
import { callPool } from "./call_pool.ts";
import { registerEventLoop } from "./event_loop.ts";
import { ClientEvents } from "./client_events.ts";
import { ConsoleSession } from "./console.ts";
import type { OpArgs, OpName, OpResult } from "./ops.ts";
import {
  type ClientLimits,
  clientLimits,
  deadlineOf,
  firstDeadline,
  needsSharedConnection,
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

// How long close() lets a transfer's worker close its connection before stopping it anyway.
const CLOSE_WAIT_MS = 2000;
// A host's connections for calls at most, one call each: calls stuck inside libvirt keep theirs.
const MAX_CALL_CONNECTIONS = 6;
/**
 * Opens given up at their deadline that may still be inside libvirt, each holding a thread and
 * its transport (an ssh process, a socket). Past it, the open in flight is waited for instead.
 */
export const MAX_ABANDONED_OPENS = 2;

/**
 * Owns one host's connections and their lifecycle: connects, notices within seconds when
 * libvirtd goes away (close callback, keepalive), reconnects with backoff, and dispatches
 * "lifecycle", "pool", "network" (detail: the name) and "connection" events. Its calls run on
 * the process's shared call workers.
 */
export class LibvirtClient extends EventTarget {
  readonly uri: string;
  /** A private test node's calls, on this thread (null: the shared call workers). */
  #inline: InlineLane | null = null;
  /** Leaves the shared call pools (on close). */
  #leavePools: (() => void)[] = [];
  /** The connections calls run on, one call each (null for a private test node). */
  #conns: CallConnections | null = null;
  #shared: boolean;
  /** The connection, on this thread (client_events.ts). */
  #events: ClientEvents;
  #state: ConnectionState;
  #limits: ClientLimits;
  #failures = 0;
  /** How long each stats op last took, for its first deadline. */
  #statsTook = new Map<string, number>();
  /** Reads made from this thread off it (read) still inside libvirt past their deadline. */
  #stuckOffThread = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #connecting: Promise<boolean> | null = null;
  /** Bumped when an open is given up: an attempt of an older one drops what it opened. */
  #attempt = 0;
  /** Opens given up at their deadline and not yet returned from libvirt. */
  #abandonedOpens = 0;
  #closed = false;
  /** Open serial consoles, each on a worker of its own; close() ends them. */
  #consoles = new Set<ConsoleSession>();
  /** Open transfers (uploads, downloads, migrations), each on a worker of its own. */
  #transfers = new Set<Lane>();

  constructor(options: LibvirtClientOptions) {
    super();
    const { uri } = options;
    silenceLibvirtErrors();
    // Before any connection of the process opens: keepalive needs it.
    registerEventLoop();
    this.uri = uri;
    this.#limits = clientLimits(options);
    this.#state = { connected: false, uri, error: null };
    this.#shared = needsSharedConnection(uri);
    this.#events = new ClientEvents(this, (why) => this.#lost(why));
    if (this.#shared) this.#inline = new InlineLane(() => this.#events.connection);
    else {
      this.#leavePools = [callPool("calls").use(), callPool("agent").use()];
      this.#conns = new CallConnections(
        uri,
        this.#limits.keepAlive,
        MAX_CALL_CONNECTIONS,
        () => callPool("calls").openError(uri, this.#limits.callTimeoutMs),
      );
    }
  }

  /**
   * The worker threads (each a V8 isolate) this client holds of its own: open transfers and
   * serial consoles. Its calls run on the process's shared workers (callPool(...).isolates).
   */
  get isolates(): number {
    return this.#transfers.size + this.#consoles.size;
  }

  /** The current connection state. */
  get state(): ConnectionState {
    return { ...this.#state };
  }

  /**
   * This host's calls still inside libvirt past their deadline. Above 0, some domain's QEMU or
   * libvirtd itself is not answering.
   */
  get stuckCalls(): number {
    return callPool("calls").stuckOf(this) + callPool("agent").stuckOf(this) +
      this.#stuckOffThread;
  }

  /**
   * Connects. Resolves true when connected; false when the attempt failed (a retry is
   * scheduled) or libvirtd did not answer within connectTimeoutMs. An open that misses that
   * deadline is given up and another follows after the reconnect delay, while it goes on inside
   * libvirt (nothing can cancel a virConnectOpen). Why: a host that took the connection and then
   * did not answer (a remote shell waiting on a lock in its start-up file, a libvirtd that hung)
   * kept the host down until that open returned, which may be never, where a second open
   * answers. At most MAX_ABANDONED_OPENS are given up at once; then the open in flight is
   * waited for, and the "connection" event tells when it succeeds.
   */
  connect(): Promise<boolean> {
    const attempt = this.#connecting ??= this.#startAttempt();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        if (!this.#state.connected && !this.#closed) {
          const seconds = this.#limits.connectTimeoutMs / 1000;
          const error =
            `libvirtd did not answer within ${seconds} s (is it stopped or overloaded?)`;
          if (this.#connecting === attempt && this.#abandonedOpens < MAX_ABANDONED_OPENS) {
            this.#abandon(attempt, error);
          } else this.#setState({ connected: false, uri: this.uri, error });
        }
        resolve(false);
      }, this.#limits.connectTimeoutMs);
    });
    return Promise.race([attempt, gaveUp]).finally(() => clearTimeout(timer));
  }

  #startAttempt(): Promise<boolean> {
    const attempt: Promise<boolean> = this.#connectOnce(this.#attempt).finally(() => {
      if (this.#connecting === attempt) this.#connecting = null;
    });
    return attempt;
  }

  /** Gives up `attempt` (it drops what it opens once it returns) and schedules the next. */
  #abandon(attempt: Promise<boolean>, error: string) {
    this.#attempt++;
    this.#connecting = null;
    this.#abandonedOpens++;
    attempt.finally(() => {
      this.#abandonedOpens--;
      // An open waited for because the most were given up gets a deadline again now that one
      // returned: else a third open that never returns kept the host down for good.
      if (this.#connecting && !this.#state.connected && !this.#closed) this.connect();
    });
    this.#lost(error);
  }

  async #connectOnce(attempt: number): Promise<boolean> {
    const givenUp = () => this.#closed || attempt !== this.#attempt;
    if (givenUp()) return false;
    try {
      // A connection for calls first: its open failing carries libvirt's words.
      await this.#conns?.prime();
      if (givenUp()) return false;
      await this.#events.open(this.uri, this.#limits.keepAlive).catch(async (err) => {
        // An open off the JS thread fails without libvirt's words: a worker opens it once
        // more, where the words are its thread's own.
        if (givenUp() || !(err instanceof OpenedOffThread)) throw err;
        throw await callPool("calls").openError(this.uri, this.#limits.callTimeoutMs);
      });
      if (givenUp()) return false;
      this.#failures = 0;
      this.#setState({ connected: true, uri: this.uri, error: null });
      return true;
    } catch (err) {
      // A given-up attempt's failure is old news: the attempt after it reports its own.
      if (!givenUp()) this.#lost(openFailure(err));
      return false;
    }
  }

  /** Marks the connection lost and schedules a reconnect (0.5 s, doubling up to 5 s by default). */
  #lost(error: string) {
    if (this.#closed) return;
    this.#conns?.reset();
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
   * Runs one libvirt op on a shared call worker. Rejects with that call's own LibvirtError;
   * with NO_CONNECT at once while disconnected; with DEADLINE_EXCEEDED when libvirtd does not
   * answer within the op's deadline (counted from when a worker gets the call) or too many of
   * this host's calls are stuck.
   */
  call<K extends OpName>(op: K, ...args: OpArgs<K>): Promise<OpResult<K>> {
    return this.#callOn("calls", op, args);
  }

  /**
   * Like call, on workers kept for calls that wait on a guest agent (seconds when the guest is
   * slow), so those never delay listing, stats or lifecycle calls.
   */
  callAgent<K extends OpName>(op: K, ...args: OpArgs<K>): Promise<OpResult<K>> {
    return this.#callOn("agent", op, args);
  }

  async #callOn<K extends OpName>(
    pool: "calls" | "agent",
    op: K,
    args: OpArgs<K>,
  ): Promise<OpResult<K>> {
    this.#mayCall();
    if (this.#inline) return await this.#inline.send({ type: "call", op, args }) as OpResult<K>;
    return await this.#onCallConnection(op, (conn, deadlineMs, waitMs, done) =>
      callPool(pool).run({
        op,
        args,
        on: { ref: () => conn.ref(), done },
        owner: this,
        deadlineMs,
        waitMs,
      })) as OpResult<K>;
  }

  /**
   * One read of ops/off_thread_reads.ts (the collector's reading, the running VMs, the events'
   * snapshot, the host check's facts), made from this thread with nonblocking calls on one of
   * the host's call connections: what a server reads on its own starts no worker isolate, so the
   * pool's workers stop while nobody calls. With the op's deadline; rejects as call does.
   */
  read<K extends OffThreadOp>(op: K, ...args: OffThreadArgs<K>): Promise<OffThreadResult<K>> {
    type Read = (conn: Connection, ...args: OffThreadArgs<K>) => Promise<OffThreadResult<K>>;
    return this.#offThread(op, (conn) => (offThreadOps[op] as unknown as Read)(conn, ...args));
  }

  /**
   * One collector reading; `scan` adds a worker call that asks each running domain whether its
   * QEMU answers (made only while a call is stuck).
   */
  async readMetrics(slow: boolean, scan = false): Promise<MetricsReading> {
    const reading = await this.read("metricsReading", slow);
    if (scan) reading.unresponsive = await this.call("unresponsiveDomains");
    return reading;
  }

  /** `work` (nonblocking calls, off_thread.ts) on a connection of its own, with op's deadline. */
  async #offThread<T>(op: OffThreadOp, work: (conn: Connection) => Promise<T>): Promise<T> {
    this.#mayCall();
    if (this.#inline) return await this.#inline.run(work);
    return await this.#onCallConnection(op, (conn, deadlineMs, _waitMs, done) => {
      const running = work(conn);
      // Back once libvirt has returned: one past its deadline keeps its connection busy.
      running.then(done, done);
      return this.#within(running, deadlineMs, op);
    });
  }

  /** NO_CONNECT at once while disconnected. */
  #mayCall(): void {
    if (!this.#state.connected) {
      throw new LibvirtError(ErrorCode.NO_CONNECT, 0, this.#state.error ?? "not connected");
    }
  }

  /**
   * `work` (a call made from this thread off it), or DEADLINE_EXCEEDED after `ms`. The call goes
   * on inside libvirt and counts as stuck until it returns.
   */
  #within<T>(work: Promise<T>, ms: number, op: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#stuckOffThread++;
        work.then(() => this.#stuckOffThread--, () => this.#stuckOffThread--);
        reject(deadlineError(op, ms));
      }, ms);
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }

  /**
   * Runs one call on a connection of the host's own, with the op's deadline: `run` is given the
   * connection, the deadline of this try, how long it may wait for a thread, and `done` to
   * give the connection back once libvirt has returned. A stats op past its short first
   * deadline is tried once more (NOWAIT then skips the stuck domain); a call that never
   * reached libvirt is moved.
   */
  async #onCallConnection<T>(
    op: OpName | OffThreadOp,
    run: (conn: Connection, deadlineMs: number, waitMs: number, done: () => void) => Promise<T>,
  ): Promise<T> {
    const deadline = deadlineOf(op, this.#limits);
    const stats = STATS_OPS.has(op);
    let first = firstDeadline(op, deadline, this.#limits, this.#statsTook.get(op));
    // A call moved off a stuck worker, or tried again, has only what is left of its deadline.
    const since = performance.now();
    for (let moves = 0;; moves++) {
      try {
        // The wait for a connection and a worker is bounded by the ordinary deadline, not the
        // short one.
        const conn = await this.#conns!.acquire(
          op,
          Math.max(1, deadline - (performance.now() - since)),
        );
        const started = performance.now();
        const left = Math.max(1, deadline - (started - since));
        let released = false;
        // Back once libvirt has returned (a call past its deadline keeps it busy till then).
        const done = () => {
          if (!released) this.#conns!.release(conn);
          released = true;
        };
        const value = await run(conn, Math.min(first, left), left, done);
        if (stats) this.#statsTook.set(op, performance.now() - started);
        return value;
      } catch (err) {
        if (!(err instanceof LibvirtError) || this.#closed) throw err;
        // Never reached libvirt: its worker got stuck ahead of it (and was replaced).
        if (err instanceof NotStarted) {
          if (err.reason === "stuck" && moves < 8) continue;
          // Told with the call's whole deadline, whatever part of it a move had left.
          throw err.reason === "wait" ? notFree(op, deadline) : err;
        }
        // A stats call past its short deadline: once more, where NOWAIT skips the stuck domain.
        // It has what is left of the call's deadline: the caller waits no longer than that.
        if (err.code === ErrorCode.DEADLINE_EXCEEDED && first < deadline) {
          first = deadline;
          continue;
        }
        // The retry had only what was left: the caller waited the whole deadline, so say that.
        if (err.code === ErrorCode.DEADLINE_EXCEEDED && stats) throw deadlineError(op, deadline);
        // Once disconnected a reconnect is already under way; keep the first, clearer error.
        if (isConnectionLost(err) && this.#state.connected) this.#lost(err.message);
        throw err;
      }
    }
  }

  /** Closes a transfer's connection once libvirt has returned from its calls, then stops it. */
  async #dispose(lane: Lane): Promise<void> {
    try {
      await lane.idle();
      await lane.send({ type: "disconnect" }, CLOSE_WAIT_MS).catch(() => {});
    } finally {
      lane.terminate();
      this.#transfers.delete(lane);
    }
  }

  #connectRequest() {
    return { type: "connect", uri: this.uri, keepAlive: this.#limits.keepAlive } as const;
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
    this.#transfers.add(lane);
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

  /** Closes the connection and leaves the shared call workers; pending calls reject. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    await Promise.allSettled([...this.#consoles].map((session) => session.close()));
    // An open under way (a reconnect) closes its connection itself on seeing #closed; one
    // that waits on a host that never answers is not waited for.
    await within(this.#connecting, CLOSE_WAIT_MS);
    // A private test node's reading runs nonblocking calls on the events connection from libvirt's
    // threads: closing that connection under them freed the test driver they were still using
    // (libvirt's "is not a virObjectLockable instance", then a crash). New calls are refused
    // first, and the work under way ends before the connection closes.
    this.#inline?.terminate();
    await within(this.#inline?.idle() ?? null, CLOSE_WAIT_MS);
    await this.#events.close(CLOSE_WAIT_MS);
    this.#conns?.close();
    for (const leave of this.#leavePools.splice(0)) leave();
    this.#state = { connected: false, uri: this.uri, error: "closed" };
  }
}

/** Waits for `work` at most `ms` (it goes on after); never rejects. */
async function within(work: Promise<unknown> | null, ms: number): Promise<void> {
  if (!work) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work.catch(() => {}), new Promise<void>((r) => timer = setTimeout(r, ms))]);
  clearTimeout(timer);
}
