// Slows password guessing down per client address without locking the account out for others:
// every failure costs a delay, and an address with too many recent failures must wait.

/** Failures an address may have in the window before it is refused outright. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 5 * 60_000;
/** Added to every failed answer (PAM's own delay may come on top). */
export const FAILURE_DELAY_MS = 1000;

export class LoginLimiter {
  #failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds this address must still wait before trying again, or 0. */
  retryAfter(ip: string): number {
    const recent = this.#recent(ip);
    if (recent.length < MAX_FAILURES) return 0;
    return Math.max(1, Math.ceil((recent[0] + WINDOW_MS - this.now()) / 1000));
  }

  failed(ip: string): void {
    const recent = this.#recent(ip);
    recent.push(this.now());
    this.#failures.set(ip, recent);
    // Forget quiet addresses so the map cannot grow without bound.
    if (this.#failures.size > 10_000) {
      for (const key of this.#failures.keys()) {
        if (this.#recent(key).length === 0) this.#failures.delete(key);
      }
    }
  }

  succeeded(ip: string): void {
    this.#failures.delete(ip);
  }

  #recent(ip: string): number[] {
    const since = this.now() - WINDOW_MS;
    return (this.#failures.get(ip) ?? []).filter((t) => t > since);
  }
}
