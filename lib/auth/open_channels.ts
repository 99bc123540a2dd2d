// Connections that outlive the request that checked them (a console's WebSocket, an event
// stream), each with a way to ask who its holder is now. A role lowered, a grant narrowed, an
// assignment removed, a token revoked or a session ended or expired would otherwise leave the
// channel in hands that may no longer hold it: every such change, each new channel (access may
// have been withdrawn while it opened) and a minute's timer (expiry, host groups, changes made by
// another process) look again and close the channels their holder may no longer use.

import type { Identity } from "../../shared/auth.ts";

/** RFC 6455 leaves 4000–4999 to applications: the holder's access to this VM was withdrawn. */
export const ACCESS_WITHDRAWN = 4003;
/** How often channels are looked at again without a change here (expiry, host groups). */
export const RECHECK_MS = 60_000;
/**
 * The longest a holder's identity may take to come (a host group read through a slow directory):
 * past it the channel closes, since a check that never ends must not keep it open, nor hold up
 * the others.
 */
export const HOLDER_TIMEOUT_MS = 10_000;

export interface OpenChannel {
  /** The holder as its credentials identify it now (null: signed out, revoked, expired). */
  holderNow(): Promise<Identity | null>;
  /** Whether that holder may still use the channel (a console: power its VM). */
  allows(holder: Identity): boolean;
  /** Closes the channel (its own close handler lets go of what it held). */
  close(): void;
  /** Whether it has closed already (a close event that never came is not a leak). */
  ended(): boolean;
}

export class OpenChannels {
  #open = new Set<OpenChannel>();
  readonly #holderTimeoutMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #checking: Promise<void> | null = null;
  #again = false;

  constructor({ holderTimeoutMs = HOLDER_TIMEOUT_MS }: { holderTimeoutMs?: number } = {}) {
    this.#holderTimeoutMs = holderTimeoutMs;
  }

  /**
   * Tracks a channel until the returned function is called (it closed), and looks at it at once:
   * access withdrawn while it opened, after the last check, closes it too.
   */
  add(channel: OpenChannel): () => void {
    this.#open.add(channel);
    if (this.#timer === undefined) {
      const timer = setInterval(() => void this.recheck(), RECHECK_MS);
      Deno.unrefTimer(timer); // an open channel never keeps the process alive
      this.#timer = timer;
    }
    void this.#check(channel);
    return () => {
      this.#open.delete(channel);
      if (this.#open.size === 0) this.#stop();
    };
  }

  get size(): number {
    return this.#open.size;
  }

  /**
   * Looks at every open channel again and closes those whose holder may no longer use it. A call
   * during a check makes one more check after it, so a change is never missed; no check waits
   * longer than HOLDER_TIMEOUT_MS for a holder.
   */
  recheck(): Promise<void> {
    if (this.#checking) {
      this.#again = true;
      return this.#checking;
    }
    this.#checking = (async () => {
      do {
        this.#again = false;
        await Promise.all([...this.#open].map((channel) => this.#check(channel)));
      } while (this.#again);
    })().finally(() => {
      this.#checking = null;
      if (this.#open.size === 0) this.#stop();
    });
    return this.#checking;
  }

  /** Stops the timer (the server closes); the channels close with the server. */
  close(): void {
    this.#stop();
  }

  async #check(channel: OpenChannel): Promise<void> {
    if (!this.#open.has(channel)) return;
    if (channel.ended()) return void this.#open.delete(channel);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(resolve, this.#holderTimeoutMs, null);
      Deno.unrefTimer(timer);
    });
    // A holder that cannot be asked (it throws, even before its promise) counts as withdrawn.
    const asked = Promise.resolve().then(() => channel.holderNow()).catch(() => null);
    const holder = await Promise.race([asked, late]);
    clearTimeout(timer);
    if (!holder || !channel.allows(holder)) {
      if (!this.#open.delete(channel)) return; // closed meanwhile, or by another check
      channel.close();
    }
  }

  #stop() {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
