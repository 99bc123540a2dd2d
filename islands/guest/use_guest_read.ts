// One read of the guest on open and on Refresh (never on a timer): its answer, or why it failed
// in the API's words, and whether a read is under way. The Activity, Services and Updates parts.

import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { errorMessage } from "../../components/client/api.ts";

export interface GuestRead<T> {
  value: Signal<T | null>;
  error: Signal<string | null>;
  busy: Signal<boolean>;
  load: () => Promise<void>;
}

/** Reads with `read` when `vmId` changes and on each `load()`; a failure keeps the last answer. */
export function useGuestRead<T>(vmId: string, read: () => Promise<T>): GuestRead<T> {
  const value = useSignal<T | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const load = async () => {
    busy.value = true;
    try {
      value.value = await read();
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };
  useEffect(() => void load(), [vmId]);
  return { value, error, busy, load };
}
