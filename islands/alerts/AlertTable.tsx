// Alerts that fired: the open ones, or the resolved ones with when and why they ended.

import type { AlertEvent } from "../../shared/metrics.ts";
import { SeverityBadge } from "../../components/SeverityBadge.tsx";
import { formatTime, METRIC_LABELS, withUnit } from "../monitoring/format.ts";

interface Props {
  /** Null while loading. */
  alerts: AlertEvent[] | null;
  resolved: boolean;
  empty: string;
}

export function AlertTable({ alerts, resolved, empty }: Props) {
  const columns = resolved ? 8 : 6;
  return (
    <div class="table-scroll">
      <table class="table alerts-table">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Rule</th>
            <th scope="col">VM</th>
            <th scope="col" class="num">Reading</th>
            <th scope="col">Fired</th>
            {resolved && <th scope="col">Resolved</th>}
            {resolved && <th scope="col">Why</th>}
            <th scope="col">Webhook error</th>
          </tr>
        </thead>
        <tbody>
          {(alerts?.length ?? 0) === 0 && (
            <tr>
              <td colSpan={columns} class="muted empty">
                {alerts === null ? "Loading alerts…" : empty}
              </td>
            </tr>
          )}
          {alerts?.map((a) => (
            <tr key={a.id} data-alert={a.id}>
              <td>
                <SeverityBadge severity={a.severity} />
              </td>
              <td>{a.ruleName}</td>
              <td>
                <a href={`/vms/${a.vmId}`}>{a.vmName}</a>
              </td>
              <td class="num">
                {METRIC_LABELS[a.metric]} {withUnit(a.metric, a.value)}{" "}
                <span class="muted">(over {withUnit(a.metric, a.threshold)})</span>
              </td>
              <td>{formatTime(a.firedAt)}</td>
              {resolved && <td>{formatTime(a.resolvedAt)}</td>}
              {resolved && <td>{a.resolvedReason ?? "—"}</td>}
              <td>{a.webhookError ? <span class="form-error">{a.webhookError}</span> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
