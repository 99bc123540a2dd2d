// The shapes LibvirtClient shows the rest of the program: its options, its connection state,
// the events it dispatches and a transfer's handle. Kept apart so the client file holds only
// the worker and reconnect machinery.

import type { OpArgs, OpName, OpResult } from "./ops.ts";
import type { KeepAlive } from "./protocol.ts";

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
