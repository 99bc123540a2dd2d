// Which SPICE WebSockets a console ticket opens. A SPICE session is several TCP connections to
// the VM's display, one per channel (main, display, inputs, cursor, playback, …), and spice-html5
// opens each as a WebSocket of its own to the same URL — the ticket included — once the main
// channel has told it which channels exist. A single-use ticket (lib/auth/tickets.ts) would open
// only the first. So here one ticket opens one SPICE session:
//
// - its first socket redeems the ticket as VNC and serial do (live, this caller, this VM, once:
//   the ticket is gone from the auth store, so it can never open a VNC or serial console later);
// - that socket must be the session's main channel (connection id 0), and it starts the session;
// - further sockets with the same ticket are channels of that session: from the same caller
//   (user, or the same API token) for the same VM, within CHANNEL_WINDOW_MS of the first, at
//   most MAX_CHANNELS in all, and only while the main channel is open;
// - they must name a session (connection id ≠ 0) and may not be a second main channel: one
//   ticket never starts two sessions. A channel naming a session that is not the one the main
//   channel started is refused by the SPICE server itself (SPICE_LINK_ERR_BAD_CONNECTION_ID).
//
// What is not weakened: nobody else can use the ticket (it stays bound to its caller and VM, and
// the route's role check runs for every socket first); VNC and serial tickets stay single-use;
// and a leaked URL is worth nothing after a few seconds, or once the console closes.

import type { Identity } from "../../shared/auth.ts";
import { CHANNEL, type LinkMess } from "./spice_link.ts";

/** How long after the main channel's socket the session's other channels may open. */
export const CHANNEL_WINDOW_MS = 15_000;
/**
 * Sockets per ticket, the main channel included: main, display, inputs, cursor, playback,
 * record, webdav, smartcard and a few USB redirections, with room to spare.
 */
export const MAX_CHANNELS = 16;

interface Session {
  holder: string;
  vm: string;
  /** Channels may open until then. */
  until: number;
  /** Sockets still to be let in. */
  left: number;
}

/** What a socket let in is: the session's first (main) channel, or one joining it. */
export type SpiceAdmission =
  | {
    first: true;
    /** The main channel closed (or was refused): no more channels for this ticket. */
    end(): void;
  }
  | { first: false };

/** A ticket is bound to the caller: their account, or the API token they used. */
export const holderOf = (identity: Identity) =>
  identity.token ? `${identity.user}/token:${identity.token.id}` : identity.user;

export class SpiceSessions {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;
  readonly #windowMs: number;
  readonly #maxChannels: number;

  constructor(
    { now = Date.now, windowMs = CHANNEL_WINDOW_MS, maxChannels = MAX_CHANNELS }: {
      now?: () => number;
      windowMs?: number;
      maxChannels?: number;
    } = {},
  ) {
    this.#now = now;
    this.#windowMs = windowMs;
    this.#maxChannels = maxChannels;
  }

  /**
   * Lets a socket in, or null. `redeem` uses up the console ticket (the auth store's check of
   * caller, VM and lifetime); it is asked only when the ticket has not started a session yet.
   */
  admit(
    { ticket, holder, vm, redeem }: {
      ticket: string;
      holder: string;
      vm: string;
      redeem: () => boolean;
    },
  ): SpiceAdmission | null {
    const now = this.#now();
    for (const [key, s] of this.#sessions) if (s.until <= now) this.#sessions.delete(key);
    if (!ticket) return null;
    const session = this.#sessions.get(ticket);
    if (session) {
      if (session.holder !== holder || session.vm !== vm || session.left <= 0) return null;
      session.left--;
      return { first: false };
    }
    if (!redeem()) return null;
    const started: Session = {
      holder,
      vm,
      until: now + this.#windowMs,
      left: this.#maxChannels - 1,
    };
    this.#sessions.set(ticket, started);
    return {
      first: true,
      end: () => {
        if (this.#sessions.get(ticket) === started) this.#sessions.delete(ticket);
      },
    };
  }

  /** Sessions whose channels may still open (for tests). */
  get size(): number {
    return this.#sessions.size;
  }
}

/**
 * Whether a socket's first message fits its place in the session: the first socket opens a new
 * session's main channel, the others join a session with any other channel.
 */
export function fitsSession(link: LinkMess | null, first: boolean): boolean {
  if (!link) return false;
  return first
    ? link.channelType === CHANNEL.MAIN && link.connectionId === 0
    : link.channelType !== CHANNEL.MAIN && link.connectionId !== 0;
}
