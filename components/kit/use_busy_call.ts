// One request at a time for a card or step whose failure shows as one message: busy while the
// call runs (its buttons disabled), the API's words when it fails, cleared on the next try. The
// account page's two-factor cards and the sign-in's enrolment step all work this way.

import { type Signal, useSignal } from "@preact/signals";
import { errorMessage } from "../client/api.ts";

export interface BusyCall {
  busy: Signal<boolean>;
  error: Signal<string | null>;
  /** Runs `call`; a failure becomes `error`, and busy ends either way. */
  run(call: () => Promise<unknown>): Promise<void>;
}

export function useBusyCall(): BusyCall {
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const run = async (call: () => Promise<unknown>) => {
    busy.value = true;
    error.value = null;
    try {
      await call();
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };
  return { busy, error, run };
}
