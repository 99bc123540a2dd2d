// Messages between the main thread and the libvirt worker threads.

export type WorkerRequest =
  | { id: number; type: "connect"; uri: string }
  | { id: number; type: "disconnect" }
  | { id: number; type: "call"; op: string; args: unknown[] };

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; code: number; domain: number; message: string };

/** What the events worker reports. */
export type EventMessage =
  | { type: "ready" }
  | { type: "connected"; uri: string }
  | { type: "connect-failed"; code: number; domain: number; message: string }
  | { type: "disconnected" }
  | { type: "closed"; reason: number }
  | { type: "lifecycle"; uuid: string; name: string; event: number; detail: number }
  | { type: "pool" | "network"; name: string };

export type EventCommand = { type: "connect"; uri: string } | { type: "disconnect" };
