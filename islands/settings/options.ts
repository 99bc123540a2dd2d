// Pools, networks and ISOs for a picker, fetched the first time a picker opens.

import { useSignal } from "@preact/signals";
import type { CreateOptions } from "../../shared/vms.ts";
import { errorMessage } from "../../components/client/api.ts";
import { loadOptions } from "./api.ts";

export function useOptions() {
  const options = useSignal<CreateOptions | null>(null);
  const error = useSignal<string | null>(null);
  const load = () => {
    if (options.value) return;
    error.value = null;
    loadOptions().then((o) => options.value = o, (e) => error.value = errorMessage(e));
  };
  return { options, error, load };
}
