// Messages of a console worker (ffi/libvirt/console_worker.ts) besides its request replies. Requests
// are the ordinary ones of ffi/libvirt/protocol.ts: "connect", "disconnect", and "call" with the ops
// below.

/** The ops a console worker answers in "call" requests. */
export type ConsoleOp =
  /** args: [domain id (UUID or name), force] — opens the console and starts reading it. */
  | "consoleOpen"
  /** args: [bytes] — types them into the console. */
  | "consoleWrite"
  /** args: [] — ends the session (aborts the stream); a no-op when none is open. */
  | "consoleClose";

/** How a console stream ended, as the worker saw it. */
export type ConsoleEnd =
  /** The stream reached its end: libvirt closed the console (the VM stopped). */
  | { reason: "eof" }
  /**
   * The stream failed. `domainActive`: the domain still ran afterwards, as it does when
   * another client opened the console with FORCE and libvirt aborted this stream.
   */
  | {
    reason: "error";
    code: number;
    domain: number;
    message: string;
    domainActive: boolean;
  }
  /** Our side closed it. */
  | { reason: "closed" };

export type ConsoleMessage =
  | { type: "output"; data: Uint8Array<ArrayBuffer> }
  | { type: "end"; end: ConsoleEnd };
