// The Advanced tab's domain XML editor (islands/settings/XmlEditor) over a live copy of the VM.

import type { Vm } from "../../shared/vms.ts";
import type { PanelProps } from "../settings/panel.ts";
import { XmlEditor } from "../settings/XmlEditor.tsx";
import { useLiveVm } from "./live_vm.ts";

interface Props {
  vm: Vm;
  [key: string]: unknown;
}

export default function VmXml({ vm: initial }: Props) {
  const { vm, hydrated, refresh } = useLiveVm(initial);
  const panel: PanelProps = { vm: vm.value, ready: hydrated.value, refresh };
  // The XML can hold display passwords: admins only read it (its route is declared for admins).
  return (
    <div class="settings needs-admin">
      <XmlEditor {...panel} />
    </div>
  );
}
