// The alert rules: what each watches, where, from which threshold, and its edit/delete buttons.

import type { AlertRule } from "../../shared/metrics.ts";
import { yesNo } from "../../components/format.ts";
import { SeverityBadge } from "../../components/SeverityBadge.tsx";
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
  return (
    <div class="table-scroll">
      <table class="table rules-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Metric</th>
            <th scope="col">Scope</th>
            <th scope="col" class="num">Threshold</th>
            <th scope="col" class="num">Consecutive</th>
            <th scope="col">Severity</th>
            <th scope="col">Enabled</th>
            <th scope="col">Webhook</th>
            <th scope="col" class="needs-admin">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(rules?.length ?? 0) === 0 && (
            <tr>
              <td colSpan={9} class="muted empty">
                {rules === null ? "Loading alert rules…" : "No alert rules yet."}
              </td>
            </tr>
          )}
          {rules?.map((r) => (
            <tr key={r.id} data-rule={r.id}>
              <td>{r.name}</td>
              <td>{METRIC_LABELS[r.metric]}</td>
              <td>{scopeLabel(r.vmId, vms)}</td>
              <td class="num">{withUnit(r.metric, r.threshold)}</td>
              <td class="num">{r.consecutive}</td>
              <td>
                <SeverityBadge severity={r.severity} />
              </td>
              <td>{yesNo(r.enabled)}</td>
              <td class="path">
                {r.webhookUrl ??
                  (r.webhookOrigin ? `${r.webhookOrigin}/… (full URL for admins)` : "—")}
              </td>
              <td class="row-actions needs-admin">
                <button
                  type="button"
                  class="button button-small"
                  disabled={busy}
                  aria-label={`Edit ${r.name}`}
                  onClick={() => onEdit(r)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  class="button button-small button-danger"
                  disabled={busy}
                  aria-label={`Delete ${r.name}`}
                  onClick={() => onDelete(r)}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
