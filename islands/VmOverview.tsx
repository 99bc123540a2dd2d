// The details page's read-only configuration card; follows the settings island's re-reads.

import type { Vm } from "../shared/vms.ts";
import { formatMb, yesNo } from "../components/format.ts";
import { currentVm } from "./settings/current_vm.ts";

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
  const firmware = vm.firmware === "uefi" ? (vm.secureBoot ? "UEFI, Secure Boot" : "UEFI") : "BIOS";
  return (
    <section class="card" aria-labelledby="config-title">
      <h2 id="config-title">Configuration</h2>
      <dl class="props">
        <dt>vCPUs</dt>
        <dd>{vm.cpuCount}</dd>
        <dt>Memory</dt>
        <dd>{memory}</dd>
        <dt>OS</dt>
        <dd>{[vm.osType, vm.osVariant].filter(Boolean).join(" / ") || "—"}</dd>
        <dt>Machine</dt>
        <dd>{vm.machine ?? "—"}</dd>
        <dt>Architecture</dt>
        <dd>{vm.arch ?? "—"}</dd>
        <dt>Firmware</dt>
        <dd>{firmware}{vm.tpm ? " + TPM" : ""}</dd>
        <dt>Autostart</dt>
        <dd>{yesNo(vm.autostart)}</dd>
        <dt>Persistent</dt>
        <dd>{yesNo(vm.persistent)}</dd>
        <dt>Description</dt>
        <dd class="pre-line">{vm.description || vm.title || "—"}</dd>
        <dt>UUID</dt>
        <dd>
          <code>{vm.id}</code>
        </dd>
      </dl>
    </section>
  );
}
