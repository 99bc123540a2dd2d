// The OpenID Connect sign-ins under way, between the redirect to the provider and its answer, in
// memory: each is taken once, by the browser that started it (a secret in a cookie of its own:
// another browser cannot finish it, so nobody is signed in as someone else by a link), within ten
// minutes. Bounded: the oldest are dropped first. And a refusal's words, kept a few minutes for the
// sign-in page the browser is sent back to.

import type { OidcChecks } from "./oidc.ts";
import { sameSecret } from "../../secrets.ts";

/** How long a sign-in may take at the provider. */
export const FLOW_TTL_MS = 10 * 60_000;
/** The most sign-ins one address may have under way. */
export const PER_ADDRESS = 10;
/** How long a refusal waits for its sign-in page. */
export const FAILURE_TTL_MS = 5 * 60_000;
/** The most sign-ins (and refusals) kept at once. */
const MAX_KEPT = 1000;

export interface OidcFlow extends OidcChecks {
  realm: string;
  /** The realm as it was saved when the sign-in began: a change since refuses the answer. */
  realmKey: string;
  /** The secret of the cookie the starting browser got. */
  browser: string;
  /** Where it began (the sign-in limiter's address key). */
  address: string;
  at: number;
}

/** A map that forgets entries past `ttl` and keeps at most MAX_KEPT, oldest dropped first. */
class Kept<T extends { at: number }> {
  #items = new Map<string, T>();
  constructor(private readonly ttl: number, private readonly now: () => number) {}

  add(key: string, item: T): void {
    this.#forget();
    while (this.#items.size >= MAX_KEPT) this.#items.delete(this.#items.keys().next().value!);
    this.#items.set(key, item);
  }

  /** How many entries meet `test`. */
  count(test: (item: T) => boolean): number {
    this.#forget();
    let n = 0;
    for (const item of this.#items.values()) if (test(item)) n++;
    return n;
  }

  /** The entry, left in place (until it is past its time). */
  get(key: string): T | null {
    this.#forget();
    return this.#items.get(key) ?? null;
  }

  /** Takes the entry: it answers once. */
  take(key: string): T | null {
    this.#forget();
    const item = this.#items.get(key) ?? null;
    this.#items.delete(key);
    return item;
  }

  #forget(): void {
    const since = this.now() - this.ttl;
    for (const [key, item] of this.#items) {
      if (item.at >= since) break;
      this.#items.delete(key);
    }
  }
}

export class OidcFlows {
  #flows: Kept<OidcFlow>;
  #failures: Kept<{ at: number; code: string; message: string }>;

  constructor(private readonly now = Date.now) {
    this.#flows = new Kept(FLOW_TTL_MS, now);
    this.#failures = new Kept(FAILURE_TTL_MS, now);
  }

  /**
   * Keeps a sign-in that began now from `address` (its limiter key); answers the browser's cookie
   * secret, or null when that address has PER_ADDRESS sign-ins under way already (so nobody pushes
   * others' sign-ins out of the store by starting many).
   */
  begin(flow: Omit<OidcFlow, "browser" | "at" | "address">, address: string): string | null {
    if (this.#flows.count((f) => f.address === address) >= PER_ADDRESS) return null;
    const browser = crypto.randomUUID() + crypto.randomUUID();
    this.#flows.add(flow.state, { ...flow, address, browser, at: this.now() });
    return browser;
  }

  /** The sign-in `state` names, when `browser` (its cookie) started it; taken either way. */
  finish(state: string, browser: string | undefined): OidcFlow | null {
    const flow = this.#flows.take(state);
    return flow && browser && sameSecret(flow.browser, browser) ? flow : null;
  }

  /** Keeps a refusal for the sign-in page; answers the id the page is sent with. */
  fail(code: string, message: string): string {
    const id = crypto.randomUUID();
    this.#failures.add(id, { at: this.now(), code, message });
    return id;
  }

  /**
   * A refusal kept by `fail`, for FAILURE_TTL_MS: read, not taken, since a browser may fetch the
   * sign-in page twice (a prefetch, then the page) and the second must still say why. The id is
   * random and the words are what the refused browser reads anyway.
   */
  failure(id: string): { code: string; message: string } | null {
    const kept = this.#failures.get(id);
    return kept ? { code: kept.code, message: kept.message } : null;
  }
}
