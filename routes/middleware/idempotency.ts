// A change sent again with the same Idempotency-Key is answered from the first one's answer, not
// carried out twice. Why: a browser on the host itself loses requests in flight whenever the
// host's network changes (Chromium fails them with ERR_NETWORK_CHANGED), and creating a network
// or reverting a running VM's snapshot changes it: the change was made (the audit log says 201),
// yet the page said "Cannot reach KVM Manager: Failed to fetch". The pages' client
// (islands/client/api.ts) now sends each change with a key of its own and, when the request
// fails on the way, sends it again with the same key; this answers the retry with what the
// first request answered, waiting for it when it still runs.
//
// A key belongs to one caller (user, and token when one is used) and one method, path and query
// (`?host=` names the host a change is for): the same key elsewhere is another request. Kept in memory for KEEP_MS, at most MAX_KEYS (the
// oldest go first); an answer's body is kept only when it is JSON of at most MAX_BODY bytes, and
// a retry of any other is refused with 409 ALREADY_DONE, since running it again could do the
// change twice. Requests without the header are untouched (the CLI, scripts).

import type { MiddlewareHandler } from "hono";
import { AppError } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** How long an answer is kept for a retry. */
export const KEEP_MS = 10 * 60_000;
/** Keys kept at most: a caller with a fresh key per request cannot grow the map past this. */
export const MAX_KEYS = 1000;
/** The largest answer body kept (JSON). */
export const MAX_BODY = 64 * 1024;
const KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** What the first request with a key ended in. */
type Outcome =
  | { kind: "kept"; status: number; type: string; body: Uint8Array<ArrayBuffer> }
  /** It answered, but its answer is not kept (too large, not JSON): a retry must not run. */
  | { kind: "not-kept" }
  /** It ended without an answer (the exception went past the app's onError): a retry runs. */
  | { kind: "none" };

interface Kept {
  at: number;
  outcome: Promise<Outcome>;
}

/** The guard; `now` for tests. Runs after sign-in (a key is its caller's). */
export function idempotency(now: () => number = Date.now): MiddlewareHandler {
  const kept = new Map<string, Kept>();
  const forget = () => {
    const old = now() - KEEP_MS;
    for (const [key, entry] of kept) {
      if (entry.at >= old && kept.size < MAX_KEYS) break;
      kept.delete(key);
    }
  };
  return async function sameKeySameAnswer(c, next) {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    const method = c.req.method.toUpperCase();
    if (key === undefined || method === "GET" || method === "HEAD" || method === "OPTIONS") {
      return await next();
    }
    if (!KEY.test(key)) {
      throw new AppError(
        "INVALID_IDEMPOTENCY_KEY",
        t("Invalid Idempotency-Key: 8 to 64 letters, digits, - or _"),
      );
    }
    const who = c.get("identity");
    // A public route (sign-in) has no caller to scope a key to: every anonymous caller would
    // share one, and a signed-in answer (its CSRF token) would be replayed to another.
    if (!who) return await next();
    const { pathname, search } = new URL(c.req.url);
    const scope = JSON.stringify([
      who.user,
      // A token's old secret (in its grace period) never gets its new secret's answers.
      who.token ? `${who.token.id}${who.token.oldSecret ? ":old" : ""}` : "",
      method,
      pathname,
      search,
      key,
    ]);
    forget();
    const earlier = kept.get(scope);
    if (earlier) {
      const outcome = await earlier.outcome;
      if (outcome.kind === "kept") {
        return new Response(outcome.body, {
          status: outcome.status,
          headers: { "content-type": outcome.type, "idempotency-replay": "true" },
        });
      }
      if (outcome.kind === "not-kept") {
        throw new AppError(
          "ALREADY_DONE",
          t("This request was carried out already; reload the page to see its result"),
        );
      }
      return await next();
    }
    let settle!: (outcome: Outcome) => void;
    kept.set(scope, { at: now(), outcome: new Promise((resolve) => settle = resolve) });
    try {
      await next();
    } catch (err) {
      kept.delete(scope);
      settle({ kind: "none" });
      throw err;
    }
    // Refusals too: the retry gets what the first request got (the app's onError made c.res).
    settle(await keepable(c.res));
  };
}

/** The answer to keep, read from a clone (the caller gets the original). */
async function keepable(res: Response): Promise<Outcome> {
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("application/json")) return { kind: "not-kept" };
  if (Number(res.headers.get("content-length") ?? 0) > MAX_BODY) return { kind: "not-kept" };
  const body = res.clone().body;
  if (body === null) return { kind: "kept", status: res.status, type, body: new Uint8Array() };
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY) {
      await reader.cancel();
      return { kind: "not-kept" };
    }
    parts.push(value);
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return { kind: "kept", status: res.status, type, body: whole };
}
