// Badges: a short coloured label (white on a --fill-* colour, dark on the paused yellow, both
// 4.5:1 in light and dark). The VM state and alert severity badges are two uses of it.

import type { ComponentChildren } from "preact";
import type { VmState } from "../../shared/vms.ts";
import type { AlertSeverity } from "../../shared/metrics.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

export type BadgeTone = VmState | AlertSeverity;

export function Badge({ tone, children }: { tone: BadgeTone; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

/** A VM state's word, as a key: show it through stateLabel (or t() where shown). */
export const STATE_LABELS: Record<VmState, string> = {
  running: tKey("Running"),
  paused: tKey("Paused"),
  suspended: tKey("Suspended"),
  stopped: tKey("Stopped"),
  crashed: tKey("Crashed"),
};

/** A VM state's word in the current language: "Running", "Läuft". */
export const stateLabel = (state: VmState): string =>
  Object.hasOwn(STATE_LABELS, state) ? t(STATE_LABELS[state]) : state;

export function StateBadge({ state }: { state: VmState }) {
  return <Badge tone={state}>{stateLabel(state)}</Badge>;
}

const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  info: tKey("Info"),
  warning: tKey("Warning"),
  critical: tKey("Critical"),
};

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <Badge tone={severity}>{t(SEVERITY_LABELS[severity])}</Badge>;
}
