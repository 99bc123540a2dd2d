// A running VM's memory use as a short meter: grey and named as assigned memory when the guest
// sends no balloon statistics (the figure is then what the host sees it hold, high however idle
// the guest is), else coloured by the meter's thresholds. The VM list and the dashboard use it.

import type { ComponentChildren } from "preact";
import type { VmSummary } from "../../shared/vms.ts";
import { PercentMeter } from "../kit/Meter.tsx";
import { t } from "../../shared/i18n/t.ts";

/** `note`: the words "no guest statistics" beside the meter (false: the caller says them). */
export function MemoryUse(
  { vm, note = true }: {
    vm: Pick<VmSummary, "memoryPercent" | "memoryNoGuestStats" | "name">;
    note?: boolean;
  },
): ComponentChildren {
  if (vm.memoryPercent === undefined) {
    return <span class="muted" title={t("Not sampled yet, or the VM is not running")}>—</span>;
  }
  if (!vm.memoryNoGuestStats) {
    return (
      <PercentMeter
        percent={vm.memoryPercent}
        label={t("Memory use of {{name}}", { name: vm.name })}
      />
    );
  }
  return (
    <PercentMeter
      percent={vm.memoryPercent}
      label={t("Memory assigned to {{name}}", { name: vm.name })}
      neutral
      note={note ? t("no guest statistics") : undefined}
      title={t(
        "Memory assigned, not memory in use: the guest sends no balloon statistics (virtio-balloon driver)",
      )}
    />
  );
}
