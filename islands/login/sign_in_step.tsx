// A sign-in step's request and its failure, the same for the password and the second step: busy
// from the click until the page moves on (so a slow answer is not sent twice), and on failure
// the API's words under the form and the secret just typed emptied for the next try.

import { type Signal, useSignal } from "@preact/signals";
import { errorMessage } from "../../components/client/api.ts";

export interface SignInStep {
  busy: Signal<boolean>;
  error: Signal<string>;
  /** Runs `call`; busy stays on after it succeeds, the caller moves on. */
  run(call: () => Promise<void>): Promise<void>;
}

/** `secret`: the field to empty when the step fails (the password, the code). */
export function useSignInStep(secret: Signal<string>): SignInStep {
  const error = useSignal("");
  const busy = useSignal(false);
  const run = async (call: () => Promise<void>) => {
    busy.value = true;
    error.value = "";
    try {
      await call();
    } catch (err) {
      error.value = errorMessage(err);
      secret.value = "";
      busy.value = false;
    }
  };
  return { busy, error, run };
}

/** A sign-in step's failure, announced at once. */
export function StepError({ message }: { message: string | null }) {
  return message ? <p class="login-error" role="alert">{message}</p> : null;
}
