// The Hardware tab's editable part: resources, boot and console (with Clone and Export OVA), disks and
// CD-ROMs, NICs, host devices, shared folders;
// the settings panels of islands/settings/ over one live copy of the VM.

import type { ComponentChildren, RefObject } from "preact";
import { useRef } from "preact/hooks";
import { Button } from "../../components/kit/Button.tsx";
import type { Vm } from "../../shared/vms.ts";
import { BootForm } from "../settings/BootForm.tsx";
import { DisplayForm } from "../settings/DisplayForm.tsx";
import { CloneDialog } from "../settings/CloneDialog.tsx";
import { ExportDialog } from "../settings/ExportDialog.tsx";
import { DisksPanel } from "../settings/DisksPanel.tsx";
import { NicsPanel } from "../settings/NicsPanel.tsx";
import { HostDevicesPanel } from "../settings/HostDevicesPanel.tsx";
import { SharedFoldersPanel } from "../settings/SharedFoldersPanel.tsx";
import type { PanelProps } from "../settings/panel.ts";
import { ResourcesForm } from "../settings/ResourcesForm.tsx";
import { useLiveVm } from "./live_vm.ts";
import { PendingList } from "./PendingHint.tsx";
import { t } from "../../shared/i18n/t.ts";

// The settings forms, then the device cards, in the order they stand: each is given the same
// live VM, whether the island hydrated, and how to read the VM again.
const SETTINGS_FORMS = [ResourcesForm, BootForm, DisplayForm];
const DEVICE_PANELS = [DisksPanel, NicsPanel, HostDevicesPanel, SharedFoldersPanel];

interface Props {
  vm: Vm;
  [key: string]: unknown;
}

export default function VmHardware({ vm: initial }: Props) {
  const { vm, hydrated, refresh } = useLiveVm(initial);
  const cloneDialog = useRef<HTMLDialogElement>(null);
  const exportDialog = useRef<HTMLDialogElement>(null);
  const panel: PanelProps = { vm: vm.value, ready: hydrated.value, refresh };
  const cloneable = vm.value.state === "stopped" || vm.value.state === "paused";
  return (
    <div class="settings">
      <PendingList vm={vm.value} />
      {/* Changing a VM is for admins; the others read it on the Summary tab. */}
      <section class="card needs-admin" aria-labelledby="settings-title">
        <div class="card-head">
          <h2 id="settings-title">{t("Settings")}</h2>
          <div class="row-actions">
            <OpenDialogButton
              dialogRef={cloneDialog}
              ready={hydrated.value}
              why={cloneable ? undefined : t("Shut down or pause the VM to clone it")}
            >
              {t("Clone…")}
            </OpenDialogButton>
            <OpenDialogButton
              dialogRef={exportDialog}
              ready={hydrated.value}
              why={vm.value.state === "stopped" ? undefined : t("Shut down the VM to export it")}
            >
              {t("Export OVA…")}
            </OpenDialogButton>
          </div>
        </div>
        <div class="settings-grid">
          {SETTINGS_FORMS.map((Form, i) => <Form key={i} {...panel} />)}
        </div>
      </section>
      <div class="hardware-grid">
        {DEVICE_PANELS.map((Panel, i) => <Panel key={i} {...panel} />)}
      </div>
      <CloneDialog dialogRef={cloneDialog} vm={vm.value} />
      <ExportDialog dialogRef={exportDialog} vm={vm.value} />
    </div>
  );
}

interface OpenProps {
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** Hydrated: until then no button here works. */
  ready: boolean;
  /** Why the VM's state does not allow it now, as the disabled button's title. */
  why: string | undefined;
  children: ComponentChildren;
}

/** Opens one of the tab's dialogs (Clone, Export OVA) when the VM's state allows it. */
function OpenDialogButton({ dialogRef, ready, why, children }: OpenProps) {
  return (
    <Button
      disabled={!ready || why !== undefined}
      title={why}
      onClick={() => dialogRef.current?.showModal()}
    >
      {children}
    </Button>
  );
}
