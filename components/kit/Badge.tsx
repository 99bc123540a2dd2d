// Badges: a short coloured label (white on a --fill-* colour, dark on the paused yellow, both
// 4.5:1 in light and dark). The VM state and alert severity badges are two uses of it.

import type { ComponentChildren } from "preact";
import type { VmState } from "../../shared/vms.ts";
import type { AlertSeverity } from "../../shared/metrics.ts";

export type BadgeTone = VmState | AlertSeverity;

export function Badge({ tone, children }: { tone: BadgeTone; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

export const STATE_LABELS: Record<VmState, string> = {
  running: "Running",
  paused: "Paused",
  suspended: "Suspended",
  stopped: "Stopped",
  crashed: "Crashed",
};

export function StateBadge({ state }: { state: VmState }) {
  return <Badge tone={state}>{STATE_LABELS[state] ?? state}</Badge>;
}

const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  info: "Info",
  warning: "Warning",
  critical: "Critical",
};

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <Badge tone={severity}>{SEVERITY_LABELS[severity]}</Badge>;
}
