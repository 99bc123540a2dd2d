// Console tickets: a short-lived, single-use secret that opens one VM's console for one user.
// The console page asks for one just before it connects, so the WebSocket URL carries nothing
// that works twice, for another VM, or for another user.

import { randomSecret } from "../secrets.ts";

export const TICKET_TTL_MS = 30_000;

interface Ticket {
  user: string;
  vm: string;
  expires: number;
}

export class ConsoleTickets {
  #tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(user: string, vm: string): { ticket: string; expiresAt: string } {
    const now = this.now();
    for (const [key, t] of this.#tickets) if (t.expires <= now) this.#tickets.delete(key);
    const ticket = randomSecret();
    const expires = now + TICKET_TTL_MS;
    this.#tickets.set(ticket, { user, vm, expires });
    return { ticket, expiresAt: new Date(expires).toISOString() };
  }

  /** Uses up a ticket; true only when it is live and was issued to this user for this VM. */
  redeem(ticket: string, user: string, vm: string): boolean {
    const t = this.#tickets.get(ticket);
    if (!t) return false;
    this.#tickets.delete(ticket);
    return t.expires > this.now() && t.user === user && t.vm === vm;
  }
}
