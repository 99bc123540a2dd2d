// Messages between the main thread and the libvirt worker threads.

/** virConnectSetKeepAlive's settings; ignored by local drivers such as test:///. */
export interface KeepAlive {
  intervalSeconds: number;
  count: number;
}

export type WorkerRequest =
  | { id: number; type: "connect"; uri: string; keepAlive: KeepAlive }
  | { id: number; type: "disconnect" }
  | {
    id: number;
    type: "call";
    op: string;
    args: unknown[];
    /**
     * A reference to the connection to run the call on (Connection.ref), which the thread drops
     * once the call returns; without it, the thread's own connection (transfers).
     */
    conn?: bigint;
  }
  /** Opens `uri` on the thread only to throw libvirt's words for why it cannot be opened. */
  | { id: number; type: "openError"; uri: string };

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; code: number; domain: number; message: string };
