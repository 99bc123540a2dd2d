// One request's state, written once for every screen: busy while it runs, its failure in the
// user's words (the API's own, verbatim), and the same call again on demand. The form, action,
// card, reload and row hooks (use_form.ts, use_action.tsx, use_busy_call.ts, use_reload.ts,
// use_pending.ts) are this with their own way of showing the outcome.

import { type Signal, signal } from "@preact/signals";
import { useMemo } from "preact/hooks";
import { errorMessage } from "../client/api.ts";

/** What a call came to: its answer, or why it failed in the user's words. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; message: string };

/** Runs `call` and never throws: a failure becomes its message. */
export async function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export interface Request {
  busy: Signal<boolean>;
  /** Why the last call failed; null once one works (or, by default, when the next starts). */
  error: Signal<string | null>;
  /** Runs `call`: its answer, or undefined when it failed (then `error` says why). */
  run<T>(call: () => Promise<T>): Promise<T | undefined>;
  /** Runs the last call again (nothing before the first). */
  retry(): Promise<void>;
}

export interface RequestOptions {
  /**
   * Keep the last failure shown while the next call runs, until one works: a list that reads
   * again keeps saying why it is stale, rather than blinking.
   */
  keepErrorWhileBusy?: boolean;
  /** The failure to show before any call: the server's words from the first render. */
  initialError?: string | null;
}

/** A request's state outside a component (tests, or state that outlives one). */
export function createRequest(
  { keepErrorWhileBusy = false, initialError = null }: RequestOptions = {},
): Request {
  const busy = signal(false);
  const error = signal<string | null>(initialError);
  let last: (() => Promise<unknown>) | null = null;
  const run = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    last = call;
    busy.value = true;
    if (!keepErrorWhileBusy) error.value = null;
    const done = await attempt(call);
    busy.value = false;
    error.value = done.ok ? null : done.message;
    return done.ok ? done.value : undefined;
  };
  return {
    busy,
    error,
    run,
    retry: async () => {
      if (last) await run(last);
    },
  };
}

/** A component's request: made on its first render, kept for its life. */
export function useRequest(options?: RequestOptions): Request {
  return useMemo(() => createRequest(options), []);
}
