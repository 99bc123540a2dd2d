// The rules LibvirtClient follows when it places and times calls: which ops get the long or
// the short first deadline, which lane takes the next call, how long to wait before
// reconnecting, and which URIs need one shared connection. Pure, so they are tested alone.

import type { LibvirtClientOptions } from "./client_types.ts";
import type { OpName } from "./ops.ts";
import type { OffThreadOp } from "./ops/off_thread_reads.ts";
import type { KeepAlive } from "./protocol.ts";

/** Every deadline and delay a client works with, defaults filled in. */
export interface ClientLimits {
  reconnectMs: number;
  reconnectMaxMs: number;
  callTimeoutMs: number;
  slowCallTimeoutMs: number;
  statsTimeoutMs: number;
  connectTimeoutMs: number;
  keepAlive: KeepAlive;
}

/** The longest wait between reconnect attempts unless the options say otherwise. */
export const DEFAULT_RECONNECT_MAX_MS = 5000;

/** The options' deadlines and delays, with the defaults LibvirtClientOptions documents. */
export function clientLimits({
  reconnectMs = 500,
  reconnectMaxMs = DEFAULT_RECONNECT_MAX_MS,
  callTimeoutMs = Number(Deno.env.get("KVMM_LIBVIRT_CALL_TIMEOUT_MS")) || 60_000,
  slowCallTimeoutMs = Number(Deno.env.get("KVMM_LIBVIRT_SLOW_CALL_TIMEOUT_MS")) || 30 * 60_000,
  statsTimeoutMs = Number(Deno.env.get("KVMM_LIBVIRT_STATS_TIMEOUT_MS")) || 1000,
  connectTimeoutMs = 15_000,
  keepAlive = { intervalSeconds: 5, count: 3 },
}: LibvirtClientOptions): ClientLimits {
  return {
    reconnectMs,
    reconnectMaxMs,
    callTimeoutMs,
    slowCallTimeoutMs,
    statsTimeoutMs,
    connectTimeoutMs,
    keepAlive,
  };
}

/**
 * Ops that copy or allocate disk data, snapshot a guest's memory or walk a whole pool, which
 * may rightly take minutes. Keepalive still ends them when libvirtd itself stops answering.
 */
export const SLOW_OPS: ReadonlySet<string> = new Set<OpName>([
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
export const STATS_OPS: ReadonlySet<string> = new Set<OpName | OffThreadOp>([
  "domainList",
  "domainStats",
  "metricsReading",
  "runningDomainIds",
]);

/** An op's deadline: the long one for SLOW_OPS, else the ordinary one. */
export function deadlineOf(op: string, limits: ClientLimits): number {
  return SLOW_OPS.has(op) ? limits.slowCallTimeoutMs : limits.callTimeoutMs;
}

/**
 * The deadline of a call's first try: for STATS_OPS the short one, or four times the op's last
 * duration (`lastTook`, ms) when that is longer, but never past half of `deadline`, so that the
 * retry (with NOWAIT) has the other half and the whole call still ends by `deadline`; else
 * `deadline`.
 */
export function firstDeadline(
  op: string,
  deadline: number,
  limits: ClientLimits,
  lastTook: number | undefined,
): number {
  return STATS_OPS.has(op)
    ? Math.min(deadline / 2, Math.max(limits.statsTimeoutMs, 4 * (lastTook ?? 0)))
    : deadline;
}

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
