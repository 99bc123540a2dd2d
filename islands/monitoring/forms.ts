// The monitoring forms' pure parts: retention and alert-rule drafts (what the inputs hold) and
// the bodies the API gets, plus the words of a clean-up's result.

import type {
  AlertMetric,
  AlertRule,
  AlertRuleInput,
  AlertSeverity,
  CleanupResult,
  RetentionInput,
  RetentionPolicy,
} from "../../shared/metrics.ts";
import type { PolicyAlertRule } from "../../shared/profiles.ts";
import { formatBytes } from "../../shared/format.ts";
import { t } from "../../shared/i18n/t.ts";
import { num } from "../wizard/draft.ts";
import { rowCounts } from "./format.ts";

export interface RetentionDraft {
  enabled: boolean;
  rawHours: string;
  minuteDays: string;
  hourDays: string;
  cleanupHour: string;
}

export const retentionDraft = (p: RetentionPolicy): RetentionDraft => ({
  enabled: p.enabled,
  rawHours: String(p.rawHours),
  minuteDays: String(p.minuteDays),
  hourDays: String(p.hourDays),
  cleanupHour: String(p.cleanupHour),
});

/** Every field, typed numbers as numbers; anything else as typed, for the API's message. */
export const retentionInput = (d: RetentionDraft): RetentionInput => ({
  enabled: d.enabled,
  rawHours: num(d.rawHours),
  minuteDays: num(d.minuteDays),
  hourDays: num(d.hourDays),
  cleanupHour: num(d.cleanupHour),
});

export function cleanupSummary(r: CleanupResult): string {
  return t("Deleted {{rows}} rows in {{ms}} ms. The database is now {{size}}.", {
    rows: rowCounts(r.deleted),
    ms: Math.round(r.durationMs),
    size: formatBytes(r.dbSizeBytes),
  });
}

/** An alert rule's own fields as typed: a profile's rules are these, a VM rule adds its scope. */
export interface AlertDraft {
  name: string;
  metric: AlertMetric;
  threshold: string;
  consecutive: string;
  severity: AlertSeverity;
  enabled: boolean;
  webhookUrl: string;
}

export const NEW_ALERT: AlertDraft = {
  name: "",
  metric: "cpu",
  threshold: "90",
  consecutive: "3",
  severity: "warning",
  enabled: true,
  webhookUrl: "",
};

export const alertDraft = (r: PolicyAlertRule): AlertDraft => ({
  name: r.name,
  metric: r.metric,
  threshold: String(r.threshold),
  consecutive: String(r.consecutive),
  severity: r.severity,
  enabled: r.enabled,
  webhookUrl: r.webhookUrl ?? "",
});

/** Typed numbers as numbers; anything else as typed, for the API's message. */
export const alertOf = (d: AlertDraft): PolicyAlertRule => ({
  name: d.name.trim(),
  metric: d.metric,
  threshold: num(d.threshold),
  consecutive: num(d.consecutive),
  severity: d.severity,
  enabled: d.enabled,
  webhookUrl: d.webhookUrl.trim() || null,
});

export interface RuleDraft extends AlertDraft {
  /** "" for every VM. */
  vmId: string;
}

export const NEW_RULE: RuleDraft = { ...NEW_ALERT, vmId: "" };

export const ruleDraft = (r: AlertRule): RuleDraft => ({ ...alertDraft(r), vmId: r.vmId ?? "" });

/** The whole rule (PUT replaces it): empty scope and webhook become null. */
export const ruleInput = (d: RuleDraft): AlertRuleInput => ({
  ...alertOf(d),
  vmId: d.vmId || null,
});
