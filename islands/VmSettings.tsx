// The details page's settings: resources, boot, disks, NICs, raw XML and clone. Re-reads the VM
// after every change and on its state events, so each panel shows what libvirt has now.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Vm } from "../shared/vms.ts";
import { ApiRequestError, errorMessage, getVm } from "./client/api.ts";
import { subscribeEvents } from "./client/events.ts";
import { showError } from "./client/toasts.tsx";
import { BootForm } from "./settings/BootForm.tsx";
import { CloneDialog } from "./settings/CloneDialog.tsx";
import { currentVm } from "./settings/current_vm.ts";
import { DisksPanel } from "./settings/DisksPanel.tsx";
import { NicsPanel } from "./settings/NicsPanel.tsx";
import type { PanelProps } from "./settings/panel.ts";
import { ResourcesForm } from "./settings/ResourcesForm.tsx";
import { XmlEditor } from "./settings/XmlEditor.tsx";

interface Props {
  vm: Vm;
  [key: string]: unknown;
}

export default function VmSettings({ vm: initial }: Props) {
  const vm = useSignal(initial);
  const hydrated = useSignal(false);
  const cloneDialog = useRef<HTMLDialogElement>(null);
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

  const panel: PanelProps = { vm: vm.value, ready: hydrated.value, refresh };
  const cloneable = vm.value.state === "stopped" || vm.value.state === "paused";
  return (
    <div class="settings">
      {/* Changing a VM is for admins; the others read it in the Configuration card. */}
      <section class="card needs-admin" aria-labelledby="settings-title">
        <div class="card-head">
          <h2 id="settings-title">Settings</h2>
          <button
            type="button"
            class="button"
            disabled={!hydrated.value || !cloneable}
            title={cloneable ? undefined : "Shut down or pause the VM to clone it"}
            onClick={() => cloneDialog.current?.showModal()}
          >
            Clone…
          </button>
        </div>
        <div class="settings-grid">
          <ResourcesForm {...panel} />
          <BootForm {...panel} />
        </div>
      </section>
      <DisksPanel {...panel} />
      <NicsPanel {...panel} />
      {/* The XML can hold display passwords: admins only read it (its route is declared for admins). */}
      <div class="needs-admin">
        <XmlEditor {...panel} />
      </div>
      <CloneDialog dialogRef={cloneDialog} vm={vm.value} />
    </div>
  );
}
