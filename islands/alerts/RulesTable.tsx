// The alert rules: what each watches, where, from which threshold, and its edit/delete buttons.

import type { AlertRule } from "../../shared/metrics.ts";
import { t } from "../../shared/i18n/t.ts";
import { yesNo } from "../../shared/format.ts";
import { SeverityBadge } from "../../components/kit/Badge.tsx";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { editDeleteActions } from "../../components/kit/edit_delete_actions.ts";
import { metricLabel, scopeLabel, withUnit } from "../monitoring/format.ts";

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
    { id: "name", header: t("Name"), cell: (r) => r.name },
    { id: "metric", header: t("Metric"), cell: (r) => metricLabel(r.metric) },
    { id: "scope", header: t("Scope"), cell: (r) => scopeLabel(r.vmId, vms) },
    {
      id: "threshold",
      header: t("Threshold"),
      numeric: true,
      cell: (r) => withUnit(r.metric, r.threshold),
    },
    { id: "consecutive", header: t("Consecutive"), numeric: true, cell: (r) => r.consecutive },
    { id: "severity", header: t("Severity"), cell: (r) => <SeverityBadge severity={r.severity} /> },
    { id: "enabled", header: t("Enabled"), cell: (r) => yesNo(r.enabled) },
    {
      id: "webhook",
      header: t("Webhook"),
      class: "path",
      cell: (r) =>
        r.webhookUrl ??
          (r.webhookOrigin
            ? t("{{origin}}/… (full URL for admins)", { origin: r.webhookOrigin })
            : "—"),
    },
    actionList(
      { name: (r) => r.name, busy, class: "needs-admin" },
      editDeleteActions(onEdit, onDelete),
    ),
  ];
  return (
    <DataTable
      label={t("Alert rules")}
      class="rules-table"
      {...loadedRows(rules, t("Loading alert rules…"), t("No alert rules yet."))}
      {...rowsById("data-rule")}
      columns={columns}
    />
  );
}
