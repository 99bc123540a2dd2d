// Alerts that fired: the open ones, or the resolved ones with when and why they ended.

import type { AlertEvent } from "../../shared/metrics.ts";
import { SeverityBadge } from "../../components/kit/Badge.tsx";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { formatTime, METRIC_LABELS, withUnit } from "../monitoring/format.ts";

interface Props {
  /** Null while loading. */
  alerts: AlertEvent[] | null;
  resolved: boolean;
  empty: string;
}

const FIRED: Column<AlertEvent>[] = [
  { id: "severity", header: "Severity", cell: (a) => <SeverityBadge severity={a.severity} /> },
  { id: "rule", header: "Rule", cell: (a) => a.ruleName },
  { id: "vm", header: "VM", cell: (a) => <a href={`/vms/${a.vmId}`}>{a.vmName}</a> },
  {
    id: "reading",
    header: "Reading",
    numeric: true,
    cell: (a) => (
      <>
        {METRIC_LABELS[a.metric]} {withUnit(a.metric, a.value)}{" "}
        <span class="muted">(over {withUnit(a.metric, a.threshold)})</span>
      </>
    ),
  },
  { id: "fired", header: "Fired", cell: (a) => formatTime(a.firedAt) },
];

const ENDED: Column<AlertEvent>[] = [
  { id: "resolved", header: "Resolved", cell: (a) => formatTime(a.resolvedAt) },
  { id: "why", header: "Why", cell: (a) => a.resolvedReason ?? "—" },
];

const WEBHOOK: Column<AlertEvent> = {
  id: "webhook",
  header: "Webhook error",
  cell: (a) => a.webhookError ? <span class="form-error">{a.webhookError}</span> : "—",
};

export function AlertTable({ alerts, resolved, empty }: Props) {
  return (
    <DataTable
      label={resolved ? "Resolved alerts" : "Active alerts"}
      class="alerts-table"
      rows={alerts ?? []}
      rowKey={(a) => String(a.id)}
      rowAttrs={(a) => ({ "data-alert": String(a.id) })}
      columns={resolved ? [...FIRED, ...ENDED, WEBHOOK] : [...FIRED, WEBHOOK]}
      empty={alerts === null ? "Loading alerts…" : empty}
    />
  );
}
