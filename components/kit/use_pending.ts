// Which rows of a table have a request running, and what it is: a row's buttons are disabled
// while one runs and the running one spins. A failure shows as a toast in the API's words.

import { type Signal, useSignal } from "@preact/signals";
import { attempt } from "./use_request.ts";
import { showError } from "../client/toasts.tsx";

export interface Pending<A extends string> {
  pending: Signal<Record<string, A>>;
  /** A request runs for the row `key`. */
  has(key: string): boolean;
  /** The request running for `key` is `what`. */
  is(key: string, what: A): boolean;
  /** Runs `call` for the row `key`; what it answers goes to `done`; `always` runs after either. */
  run<T>(
    key: string,
    what: A,
    call: () => Promise<T>,
    done?: (answer: T) => void,
    always?: () => unknown,
  ): Promise<void>;
}

export function usePending<A extends string>(): Pending<A> {
  const pending = useSignal<Record<string, A>>({});
  // Read in the render of the component that holds the hook, so that it renders again when a
  // request starts or ends, and its table with it: DataTable's rows are pure components, which a
  // signal read in a cell alone does not redraw.
  void pending.value;
  return {
    pending,
    has: (key) => key in pending.value,
    is: (key, what) => pending.value[key] === what,
    async run(key, what, call, done, always) {
      pending.value = { ...pending.value, [key]: what };
      // Not `done?.(await call())`: with no `done`, an optional call skips its arguments, and
      // the request would never be made.
      const result = await attempt(async () => {
        const answer = await call();
        done?.(answer);
      });
      if (!result.ok) showError(result.message);
      const { [key]: _, ...rest } = pending.value;
      pending.value = rest;
      await always?.();
    },
  };
}
