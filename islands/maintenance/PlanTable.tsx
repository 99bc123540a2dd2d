// The plan of a host entering maintenance: each VM, where it goes (by free memory, or the host
// the admin picks in its row), or why it stays or cannot go anywhere.

import type { MaintenancePlan, PlannedMove } from "../../shared/maintenance.ts";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { StateBadge } from "../../components/kit/Badge.tsx";
import type { VmState } from "../../shared/vms.ts";
import { sizeText } from "../../shared/units.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  plan: MaintenancePlan;
  /** The admin's choice per VM UUID; "" is "by free memory". */
  chosen: Record<string, string>;
  onChoose(vmId: string, hostId: string): void;
}

export function PlanTable({ plan, chosen, onChoose }: Props) {
  const open = plan.hosts.filter((h) => h.id !== plan.hostId && h.connected && !h.inMaintenance);
  const where = (m: PlannedMove) => {
    if (m.kind === "stay") return <span class="muted">{t("Stays on this host")}</span>;
    return (
      <>
        <select
          aria-label={t("Destination of {{name}}", { name: m.name })}
          value={chosen[m.vmId] ?? ""}
          onChange={(e) => onChoose(m.vmId, e.currentTarget.value)}
        >
          <option value="">{t("By free memory")}</option>
          {open.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
        </select>
        {m.to
          ? <span class="maintenance-to">→ {m.toName}</span>
          : <span class="maintenance-problem" role="alert">{m.problem}</span>}
      </>
    );
  };
  const columns: Column<PlannedMove>[] = [
    { id: "name", header: t("VM"), cell: (m) => m.name },
    {
      id: "state",
      header: t("State"),
      cell: (m) => <StateBadge state={m.state as VmState} />,
      hideOnSmall: true,
    },
    {
      id: "memory",
      header: t("Memory"),
      cell: (m) => sizeText(m.memoryMb, "MiB"),
      hideOnSmall: true,
    },
    {
      id: "how",
      header: t("Move"),
      cell: (m) =>
        m.kind === "live" ? t("Live migration") : m.kind === "offline" ? t("Definition") : "—",
      hideOnSmall: true,
    },
    { id: "to", header: t("Destination"), cell: where },
  ];
  return (
    <DataTable
      label={t("Maintenance plan")}
      rows={plan.moves}
      rowKey={(m) => m.vmId}
      columns={columns}
      empty={t("No VMs on this host.")}
    />
  );
}
