// The VM as libvirt has it now, for the islands of a VM tab that edit it (Hardware, XML): re-read
// after every change and on the VM's state events, shared through currentVm with the other
// islands of the page.

import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Vm } from "../../shared/vms.ts";
import { ApiRequestError, errorMessage, getVm } from "../client/api.ts";
import { subscribeEvents } from "../client/events.ts";
import { showError } from "../client/toasts.tsx";
import { currentVm } from "../settings/current_vm.ts";

export interface LiveVm {
  vm: Signal<Vm>;
  /** False until hydrated: a form submitted before that would reload the page. */
  hydrated: Signal<boolean>;
  refresh(): Promise<void>;
}

export function useLiveVm(initial: Vm): LiveVm {
  const vm = useSignal(initial);
  const hydrated = useSignal(false);
  const seq = useRef(0);

  // Only the newest re-read lands, so a slow answer cannot bring back an older state.
  const refresh = async () => {
    const mine = ++seq.current;
    try {
      const fresh = await getVm(initial.id);
      if (mine !== seq.current) return;
      vm.value = fresh;
      currentVm.value = fresh;
    } catch (err) {
      // A deleted VM is VmActions' business: it leaves the page on vm-deleted.
      if (!(err instanceof ApiRequestError && err.status === 404)) showError(errorMessage(err));
    }
  };

  useEffect(() => {
    hydrated.value = true;
    return subscribeEvents((e) => {
      if (e.type === "vm-state-changed" && e.id === initial.id) refresh();
    }, refresh);
  }, [initial.id]);

  return { vm, hydrated, refresh };
}
