// The alert rules: what each watches, where, from which threshold, and its edit/delete buttons.

import type { AlertRule } from "../../shared/metrics.ts";
import { yesNo } from "../../components/format.ts";
import { SeverityBadge } from "../../components/kit/Badge.tsx";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { METRIC_LABELS, scopeLabel, withUnit } from "../monitoring/format.ts";

interface Props {
  /** Null while loading. */
  rules: AlertRule[] | null;
  vms: { id: string; name: string }[];
  busy: boolean;
  onEdit: (rule: AlertRule) => void;
  onDelete: (rule: AlertRule) => void;
}

export function RulesTable({ rules, vms, busy, onEdit, onDelete }: Props) {
  const columns: Column<AlertRule>[] = [
    { id: "name", header: "Name", cell: (r) => r.name },
    { id: "metric", header: "Metric", cell: (r) => METRIC_LABELS[r.metric] },
    { id: "scope", header: "Scope", cell: (r) => scopeLabel(r.vmId, vms) },
    {
      id: "threshold",
      header: "Threshold",
      numeric: true,
      cell: (r) => withUnit(r.metric, r.threshold),
    },
    { id: "consecutive", header: "Consecutive", numeric: true, cell: (r) => r.consecutive },
    { id: "severity", header: "Severity", cell: (r) => <SeverityBadge severity={r.severity} /> },
    { id: "enabled", header: "Enabled", cell: (r) => yesNo(r.enabled) },
    {
      id: "webhook",
      header: "Webhook",
      class: "path",
      cell: (r) =>
        r.webhookUrl ?? (r.webhookOrigin ? `${r.webhookOrigin}/… (full URL for admins)` : "—"),
    },
    actionList({ name: (r) => r.name, busy, class: "needs-admin" }, [
      { action: "Edit", run: onEdit },
      { action: "Delete", kind: "danger", run: onDelete },
    ]),
  ];
  return (
    <DataTable
      label="Alert rules"
      class="rules-table"
      {...loadedRows(rules, "Loading alert rules…", "No alert rules yet.")}
      rowKey={(r) => r.id}
      rowAttrs={(r) => ({ "data-rule": r.id })}
      columns={columns}
    />
  );
}
