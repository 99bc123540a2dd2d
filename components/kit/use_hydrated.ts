// Whether the island runs in the browser yet: buttons stay disabled in the server's HTML and
// until hydration, so a click never goes to a handler that is not there.

import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";

export function useHydrated(): Signal<boolean> {
  const hydrated = useSignal(false);
  useEffect(() => {
    hydrated.value = true;
  }, []);
  return hydrated;
}
