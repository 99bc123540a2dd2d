// The details page's read-only configuration card; follows the settings island's re-reads.

import type { Vm } from "../shared/vms.ts";
import { formatMb, yesNo } from "../components/format.ts";
import { osLabel } from "../shared/os_names.ts";
import { currentVm } from "./settings/current_vm.ts";
import { Card } from "../components/kit/Card.tsx";
import { FactList } from "../components/kit/FactList.tsx";

interface Props {
  vm: Vm;
  [key: string]: unknown;
}

export default function VmOverview({ vm: initial }: Props) {
  const live = currentVm.value;
  const vm = live && live.id === initial.id ? live : initial;
  const memory = vm.maxMemoryMb > vm.memoryMb
    ? `${formatMb(vm.memoryMb)} (max ${formatMb(vm.maxMemoryMb)})`
    : formatMb(vm.memoryMb);
  const os = osLabel(vm);
  const firmware = vm.firmware === "uefi" ? (vm.secureBoot ? "UEFI, Secure Boot" : "UEFI") : "BIOS";
  return (
    <Card id="config" title="Configuration">
      <FactList
        facts={[
          ["vCPUs", vm.cpuCount],
          ["Memory", memory],
          [
            "OS",
            <span key="os">
              {os.name}
              {os.hint && <span class="muted">{` (${os.hint})`}</span>}
            </span>,
          ],
          ["Machine", vm.machine ?? "—"],
          ["Architecture", vm.arch ?? "—"],
          ["Firmware", `${firmware}${vm.tpm ? " + TPM" : ""}`],
          ["Autostart", yesNo(vm.autostart)],
          ["Persistent", yesNo(vm.persistent)],
          ["Description", vm.description || vm.title || "—", "pre-line"],
          ["UUID", <code key="uuid">{vm.id}</code>],
        ]}
      />
    </Card>
  );
}
