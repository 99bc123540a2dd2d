// Messages between the main thread and the libvirt worker threads.

/** virConnectSetKeepAlive's settings; ignored by local drivers such as test:///. */
export interface KeepAlive {
  intervalSeconds: number;
  count: number;
}

export type WorkerRequest =
  | { id: number; type: "connect"; uri: string; keepAlive: KeepAlive }
  | { id: number; type: "disconnect" }
  | { id: number; type: "call"; op: string; args: unknown[] };

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; code: number; domain: number; message: string };
