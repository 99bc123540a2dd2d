// A page island's data as the server rendered it, read again from the API on demand, and at once
// in the browser when the server could not read it (it then sends null and its words).

import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { request } from "../client/api.ts";
import { type Reload, useReload } from "./use_reload.ts";

export interface ServedRead<T> extends Reload {
  /** Null until read, when the server sent none. */
  data: Signal<T | null>;
}

/** `served` and `error` are the page's props; `path` answers the same data (GET). */
export function useServedRead<T>(
  served: T | null,
  error: string | null,
  path: string,
): ServedRead<T> {
  const data = useSignal<T | null>(served);
  const { reload, loadError } = useReload(async () => {
    data.value = await request<T>("GET", path);
  }, error);
  useEffect(() => {
    if (served === null) reload();
  }, []);
  return { data, reload, loadError };
}
