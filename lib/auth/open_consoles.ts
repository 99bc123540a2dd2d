// Consoles open over WebSockets, each with a way to ask who its holder is now. A WebSocket
// outlives the request that checked it, so a role lowered, a grant narrowed, an assignment
// removed, a token revoked or a session ended or expired would leave a console in hands that
// may no longer hold it: every such change, and a minute's timer for expiry and host groups,
// looks again and closes the consoles whose holder may no longer power the VM.

import type { Identity } from "../../shared/auth.ts";
import { mayPower } from "./permissions.ts";

/** RFC 6455 leaves 4000–4999 to applications: the holder's access to this VM was withdrawn. */
export const ACCESS_WITHDRAWN = 4003;
/** How often consoles are looked at again without a change here (expiry, host groups). */
export const RECHECK_MS = 60_000;

export interface OpenConsole {
  /** The VM's UUID. */
  vmId: string;
  /** The holder as its credentials identify it now (null: signed out, revoked, expired). */
  holderNow(): Promise<Identity | null>;
  /** Closes the console's socket (its own close handler lets the display go). */
  close(): void;
  /** Whether its socket has closed already (a close event that never came is not a leak). */
  ended(): boolean;
}

export class OpenConsoles {
  #open = new Set<OpenConsole>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #checking: Promise<void> | null = null;
  #again = false;

  /** Tracks a console until the returned function is called (its socket closed). */
  add(console: OpenConsole): () => void {
    this.#open.add(console);
    if (this.#timer === undefined) {
      const timer = setInterval(() => void this.recheck(), RECHECK_MS);
      Deno.unrefTimer(timer); // an open console never keeps the process alive
      this.#timer = timer;
    }
    return () => {
      this.#open.delete(console);
      if (this.#open.size === 0) this.#stop();
    };
  }

  get size(): number {
    return this.#open.size;
  }

  /**
   * Looks at every open console again and closes those whose holder may no longer power its VM.
   * A call during a check makes one more check after it, so a change is never missed.
   */
  recheck(): Promise<void> {
    if (this.#checking) {
      this.#again = true;
      return this.#checking;
    }
    this.#checking = (async () => {
      do {
        this.#again = false;
        await Promise.all([...this.#open].map(async (console) => {
          if (console.ended()) return void this.#open.delete(console);
          const holder = await console.holderNow().catch(() => null);
          if (!holder || !mayPower(holder, console.vmId)) {
            this.#open.delete(console);
            console.close();
          }
        }));
      } while (this.#again);
    })().finally(() => {
      this.#checking = null;
      if (this.#open.size === 0) this.#stop();
    });
    return this.#checking;
  }

  /** Stops the timer (the server closes); the sockets close with the server. */
  close(): void {
    this.#stop();
  }

  #stop() {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
