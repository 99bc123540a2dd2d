// The alerts list as events change it: a fired alert is added, a resolved one replaces itself.

import type { AlertEvent } from "../../shared/metrics.ts";

/** `alerts` (newest first) with `alert` replacing its earlier state, or added at the top. */
export function upsertAlert(alerts: AlertEvent[], alert: AlertEvent): AlertEvent[] {
  return alerts.some((a) => a.id === alert.id)
    ? alerts.map((a) => a.id === alert.id ? alert : a)
    : [alert, ...alerts];
}

/** Open alerts and resolved ones, each newest first; both null while loading. */
export function splitAlerts(alerts: AlertEvent[] | null) {
  return {
    active: alerts?.filter((a) => a.resolvedAt === null) ?? null,
    history: alerts?.filter((a) => a.resolvedAt !== null) ?? null,
  };
}
