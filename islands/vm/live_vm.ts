// The VM as libvirt has it now, for the islands of a VM tab that edit it (Hardware, XML): re-read
// after every change, and as the page follows it (follow_vm.ts), shared through currentVm with
// the other islands of the page.

import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Vm } from "../../shared/vms.ts";
import { ApiRequestError, errorMessage } from "../../components/client/api.ts";
import { showError } from "../../components/client/toasts.tsx";
import { currentVm } from "../settings/current_vm.ts";
import { followVm, rereadVm } from "./follow_vm.ts";

export interface LiveVm {
  vm: Signal<Vm>;
  /** False until hydrated: a form submitted before that would reload the page. */
  hydrated: Signal<boolean>;
  refresh(): Promise<void>;
}

export function useLiveVm(initial: Vm): LiveVm {
  const vm = useSignal(initial);
  const hydrated = useSignal(false);

  // Only the newest re-read of the page lands, so a slow answer cannot bring back an older state.
  const refresh = async () => {
    try {
      const fresh = await rereadVm(initial.id);
      if (fresh) vm.value = fresh;
    } catch (err) {
      // A deleted VM is VmActions' business: it leaves the page on vm-deleted.
      if (!(err instanceof ApiRequestError && err.status === 404)) showError(errorMessage(err));
    }
  };

  // The page's own re-reads (follow_vm.ts) land in currentVm: this island's copy follows them.
  useEffect(() => {
    hydrated.value = true;
    const unfollow = followVm(initial.id);
    const stop = currentVm.subscribe((fresh) => {
      if (fresh && fresh.id === initial.id) vm.value = fresh;
    });
    return () => {
      stop();
      unfollow();
    };
  }, [initial.id]);

  return { vm, hydrated, refresh };
}
