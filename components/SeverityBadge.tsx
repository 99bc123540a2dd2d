// The badge of an alert's or insight's severity: info, warning, critical.

import type { AlertSeverity } from "../shared/metrics.ts";

const LABELS: Record<AlertSeverity, string> = {
  info: "Info",
  warning: "Warning",
  critical: "Critical",
};

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <span class={`badge badge-${severity}`}>{LABELS[severity]}</span>;
}
