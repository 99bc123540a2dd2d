// Alerts that fired: the open ones, or the resolved ones with when and why they ended.

import type { AlertEvent } from "../../shared/metrics.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { SeverityBadge } from "../../components/kit/Badge.tsx";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { formatTime, metricLabel, withUnit } from "../monitoring/format.ts";

interface Props {
  /** Null while loading. */
  alerts: AlertEvent[] | null;
  resolved: boolean;
  empty: string;
}

/** The reasons the server stores for a resolved alert (lib/metrics/alerts.ts), as keys. */
const REASONS: Record<string, string> = {
  "below threshold": tKey("below threshold"),
  "VM stopped": tKey("VM stopped"),
  "policy changed": tKey("policy changed"),
  "rule changed": tKey("rule changed"),
  "rule deleted": tKey("rule deleted"),
};

/** Why an alert ended, in the page's language; a reason not known here as stored. */
const reason = (why: string | null) =>
  why === null ? "—" : Object.hasOwn(REASONS, why) ? t(REASONS[why]) : why;

const fired = (): Column<AlertEvent>[] => [
  { id: "severity", header: t("Severity"), cell: (a) => <SeverityBadge severity={a.severity} /> },
  { id: "rule", header: t("Rule"), cell: (a) => a.ruleName },
  { id: "vm", header: t("VM"), cell: (a) => <a href={`/vms/${a.vmId}`}>{a.vmName}</a> },
  {
    id: "reading",
    header: t("Reading"),
    numeric: true,
    cell: (a) => (
      <>
        {metricLabel(a.metric)} {withUnit(a.metric, a.value)}{" "}
        <span class="muted">
          {t("(over {{threshold}})", { threshold: withUnit(a.metric, a.threshold) })}
        </span>
      </>
    ),
  },
  { id: "fired", header: t("Fired"), cell: (a) => formatTime(a.firedAt) },
];

const ended = (): Column<AlertEvent>[] => [
  { id: "resolved", header: t("Resolved"), cell: (a) => formatTime(a.resolvedAt) },
  { id: "why", header: t("Why"), cell: (a) => reason(a.resolvedReason) },
];

const webhook = (): Column<AlertEvent> => ({
  id: "webhook",
  header: t("Webhook error"),
  cell: (a) => a.webhookError ? <span class="form-error">{a.webhookError}</span> : "—",
});

export function AlertTable({ alerts, resolved, empty }: Props) {
  return (
    <DataTable
      label={resolved ? t("Resolved alerts") : t("Active alerts")}
      class="alerts-table"
      rows={alerts ?? []}
      {...rowsById("data-alert")}
      columns={resolved ? [...fired(), ...ended(), webhook()] : [...fired(), webhook()]}
      empty={alerts === null ? t("Loading alerts…") : empty}
    />
  );
}
