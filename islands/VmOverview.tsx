// The details page's read-only configuration card; follows the VM as its page re-reads it.

import type { Vm } from "../shared/vms.ts";
import { formatMb, yesNo } from "../shared/format.ts";
import { osLabel } from "../shared/os_names.ts";
import { currentVm } from "./settings/current_vm.ts";
import { followVm } from "./vm/follow_vm.ts";
import { useEffect } from "preact/hooks";
import { Card } from "../components/kit/Card.tsx";
import { FactList } from "../components/kit/FactList.tsx";
import { t } from "../shared/i18n/t.ts";
import { formatUptime } from "../shared/i18n/format.ts";
import { LastSeen } from "./guest/LastSeen.tsx";
import type { JSX } from "preact";
import { NextValue } from "./vm/PendingHint.tsx";
import { pendingLine } from "./vm/pending_words.ts";

/** The pending changes shown beside their own fact. */
const INLINE = new Set(["cpuCount", "memoryMb", "machine", "firmware"]);

interface Props {
  vm: Vm;
  [key: string]: unknown;
}

export default function VmOverview({ vm: initial }: Props) {
  // Uptime and the next boot's values follow the VM without a reload (after an apply, a restore).
  useEffect(() => followVm(initial.id), [initial.id]);
  const live = currentVm.value;
  const vm = live && live.id === initial.id ? live : initial;
  const memory = vm.maxMemoryMb > vm.memoryMb
    ? t("{{memory}} (max {{max}})", {
      memory: formatMb(vm.memoryMb),
      max: formatMb(vm.maxMemoryMb),
    })
    : formatMb(vm.memoryMb);
  const os = osLabel(vm);
  const others = (vm.pending ?? []).filter((c) => !INLINE.has(c.field));
  const firmware = vm.firmware === "uefi" ? (vm.secureBoot ? "UEFI, Secure Boot" : "UEFI") : "BIOS";
  const firmwareText = `${firmware}${vm.tpm ? " + TPM" : ""}`;
  return (
    <Card id="config" title={t("Configuration")}>
      <FactList
        facts={[
          [
            t("vCPUs"),
            <span key="cpus">
              {vm.cpuCount}
              <NextValue vm={vm} field="cpuCount" />
            </span>,
          ],
          [
            t("Memory"),
            <span key="memory">
              {memory}
              <NextValue vm={vm} field="memoryMb" />
            </span>,
          ],
          [
            t("OS"),
            <span key="os">
              {os.name}
              {os.hint && <span class="muted">{` (${os.hint})`}</span>}
            </span>,
          ],
          [
            t("Machine"),
            <span key="machine">
              {vm.machine ?? "—"}
              <NextValue vm={vm} field="machine" />
            </span>,
          ],
          [t("Architecture"), vm.arch ?? "—"],
          [
            t("Firmware"),
            <span key="firmware">
              {firmwareText}
              <NextValue vm={vm} field="firmware" />
            </span>,
          ],
          // What else waits for the next boot (the facts above carry their own).
          ...(others.length
            ? [[t("Next boot"), others.map(pendingLine).join("\n"), "pre-line"] as [
              string,
              string,
              string,
            ]]
            : []),
          ...(vm.uptimeSeconds === undefined
            ? []
            : [[t("Uptime"), formatUptime(vm.uptimeSeconds)] as [string, string]]),
          ...(vm.state === "running"
            ? [[t("Guest agent"), <LastSeen key="agent" vmId={vm.id} />] as [string, JSX.Element]]
            : []),
          [t("Autostart"), yesNo(vm.autostart)],
          [t("Protected from deletion"), yesNo(vm.protected)],
          [t("Persistent"), yesNo(vm.persistent)],
          [t("Description"), vm.description || vm.title || "—", "pre-line"],
          [t("UUID"), <code key="uuid">{vm.id}</code>],
        ]}
      />
    </Card>
  );
}
