// A screen's read of its data: one reload at a time (a burst of events costs one more read, not
// parallel ones), and the API's words when it failed, cleared by the next read that works.

import { type Signal, useSignal } from "@preact/signals";
import { listVms } from "../client/api.ts";
import { useRequest } from "./use_request.ts";
import { coalesce } from "../client/coalesce.ts";

export interface Reload {
  reload: () => Promise<void>;
  loadError: Signal<string | null>;
}

/** `initialError`: the server's words when it could not read the data for the first render. */
export function useReload(read: () => Promise<void>, initialError: string | null = null): Reload {
  // The last failure stays shown while the list reads again, until a read works.
  const request = useRequest({ keepErrorWhileBusy: true, initialError });
  const reload = coalesce(async () => {
    await request.run(read);
  });
  return { reload, loadError: request.error };
}

export interface VmName {
  id: string;
  name: string;
}

/** The VMs' ids and names, for a form's VM choice; `readVms` re-reads them (vm-created …). */
export function useVmNames(): { vms: Signal<VmName[]>; readVms: () => Promise<void> } {
  const vms = useSignal<VmName[]>([]);
  const readVms = async () => {
    vms.value = (await listVms()).map(({ id, name }) => ({ id, name }));
  };
  return { vms, readVms };
}
