// The Hardware tab's editable part: resources and boot (with Clone), disks and CD-ROMs, NICs,
// host devices;
// the settings panels of islands/settings/ over one live copy of the VM.

import { useRef } from "preact/hooks";
import type { Vm } from "../../shared/vms.ts";
import { BootForm } from "../settings/BootForm.tsx";
import { CloneDialog } from "../settings/CloneDialog.tsx";
import { DisksPanel } from "../settings/DisksPanel.tsx";
import { NicsPanel } from "../settings/NicsPanel.tsx";
import { HostDevicesPanel } from "../settings/HostDevicesPanel.tsx";
import type { PanelProps } from "../settings/panel.ts";
import { ResourcesForm } from "../settings/ResourcesForm.tsx";
import { useLiveVm } from "./live_vm.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  vm: Vm;
  [key: string]: unknown;
}

export default function VmHardware({ vm: initial }: Props) {
  const { vm, hydrated, refresh } = useLiveVm(initial);
  const cloneDialog = useRef<HTMLDialogElement>(null);
  const panel: PanelProps = { vm: vm.value, ready: hydrated.value, refresh };
  const cloneable = vm.value.state === "stopped" || vm.value.state === "paused";
  return (
    <div class="settings">
      {/* Changing a VM is for admins; the others read it on the Summary tab. */}
      <section class="card needs-admin" aria-labelledby="settings-title">
        <div class="card-head">
          <h2 id="settings-title">{t("Settings")}</h2>
          <button
            type="button"
            class="button"
            disabled={!hydrated.value || !cloneable}
            title={cloneable ? undefined : t("Shut down or pause the VM to clone it")}
            onClick={() => cloneDialog.current?.showModal()}
          >
            {t("Clone…")}
          </button>
        </div>
        <div class="settings-grid">
          <ResourcesForm {...panel} />
          <BootForm {...panel} />
        </div>
      </section>
      <div class="hardware-grid">
        <DisksPanel {...panel} />
        <NicsPanel {...panel} />
        <HostDevicesPanel {...panel} />
      </div>
      <CloneDialog dialogRef={cloneDialog} vm={vm.value} />
    </div>
  );
}
