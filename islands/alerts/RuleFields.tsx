// The fields an alert rule form and a profile's alert rules both have: metric, threshold in the
// metric's unit, consecutive checks, severity and webhook, bound to the form's draft under its
// id prefix ("rule-new-metric"). The alert rule form adds a hint to two of them.

import { ALERT_METRICS, ALERT_SEVERITIES } from "../../shared/metrics.ts";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import type { Draft } from "../../components/kit/use_form.ts";
import { wordOptions } from "../../components/kit/word_options.ts";
import type { AlertDraft } from "../monitoring/forms.ts";
import { metricLabel, metricUnit, SEVERITY_LABELS } from "../monitoring/format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Hints {
  consecutive?: string;
  webhook?: string;
}

export function alertRuleFields(draft: Draft<AlertDraft>, prefix: string, hints: Hints = {}) {
  const field = draftFields(draft, prefix);
  return {
    metric: field.select("metric", {
      label: t("Metric"),
      options: ALERT_METRICS.map((m) => [m, metricLabel(m)] as const),
    }),
    /** Labelled with the unit of the metric chosen. */
    threshold: field.text("threshold", {
      label: t("Threshold ({{unit}})", { unit: metricUnit(draft.value.metric) }),
      type: "number",
      min: 0,
      step: "any",
    }),
    consecutive: field.text("consecutive", {
      label: t("Consecutive checks"),
      hint: hints.consecutive,
      type: "number",
      min: 1,
      max: 100,
      step: 1,
    }),
    severity: field.select("severity", {
      label: t("Severity"),
      options: wordOptions(ALERT_SEVERITIES, SEVERITY_LABELS),
    }),
    webhook: field.text("webhookUrl", {
      id: "webhook",
      label: t("Webhook URL"),
      hint: hints.webhook,
      placeholder: t("optional, https://…"),
    }),
  };
}
