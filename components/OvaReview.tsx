// Above the create wizard for `/vms/new?ova=ID`: what the imported OVA's descriptor says, so the
// admin checks it against the wizard's fields before creating, and what the wizard does not take
// over (a second network card) in words.

import type { OvaImport } from "../shared/ova.ts";
import { t } from "../shared/i18n/t.ts";
import { Card } from "./kit/Card.tsx";
import { FactList } from "./kit/FactList.tsx";
import { Notice } from "./kit/Notice.tsx";
import { formatBytes, formatMb } from "../shared/format.ts";

export function OvaReview({ record }: { record: OvaImport }) {
  const { summary, volumes } = record;
  return (
    <Card id="ova-review" title={t("From the OVA: {{name}}", { name: summary.name })}>
      <FactList
        label={t("What the OVA's descriptor says")}
        facts={[
          [t("CPUs"), String(summary.cpuCount)],
          [t("Memory"), formatMb(summary.memoryMb)],
          [t("Firmware"), summary.firmware === "uefi" ? "UEFI" : "BIOS"],
          [t("Operating system"), summary.osDescription ?? "—"],
          [
            t("Disks"),
            summary.disks.map((d, at) => (
              <div key={at}>
                {t("{{size}} on {{bus}} as {{volume}}", {
                  size: formatBytes(d.capacityBytes),
                  bus: d.bus,
                  volume: volumes[at]?.name ?? "—",
                })}
              </div>
            )),
          ],
          [
            t("Network cards"),
            summary.nics.length
              ? summary.nics.map((n, at) => (
                <div key={at}>{`${n.network || "—"}${n.model ? ` (${n.model})` : ""}`}</div>
              ))
              : t("None"),
          ],
        ]}
      />
      <Notice tone="info">
        {t(
          "The wizard below starts from these values, the first disk as the VM's disk and the others attached after it: choose the network on this host, check the rest, then create.",
        )}
      </Notice>
      {summary.nics.length > 1 && (
        <Notice tone="warning">
          {t(
            "The wizard makes one network card: add the other {{count}} on the VM's Network tab.",
            { count: summary.nics.length - 1 },
          )}
        </Notice>
      )}
    </Card>
  );
}
