// The fields an alert rule form and a profile's alert rules both have: metric, threshold in the
// metric's unit, consecutive checks, severity and webhook. Each takes its id prefix and the
// draft's value and change callback (draft.text("metric")).

import { ALERT_METRICS, ALERT_SEVERITIES, type AlertMetric } from "../../shared/metrics.ts";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { wordOptions } from "../../components/kit/word_options.ts";
import { metricLabel, metricUnit, SEVERITY_LABELS } from "../monitoring/format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Text {
  prefix: string;
  value: string;
  onValue: (value: string) => void;
}

export function MetricField({ prefix, ...text }: Text) {
  const options = ALERT_METRICS.map((m) => [m, metricLabel(m)] as const);
  return <SelectField id={`${prefix}-metric`} label={t("Metric")} options={options} {...text} />;
}

/** The threshold, labelled with the unit of the metric chosen. */
export function ThresholdField({ prefix, metric, ...text }: Text & { metric: AlertMetric }) {
  return (
    <TextField
      id={`${prefix}-threshold`}
      label={t("Threshold ({{unit}})", { unit: metricUnit(metric) })}
      type="number"
      min={0}
      step="any"
      {...text}
    />
  );
}

export function ConsecutiveField({ prefix, hint, ...text }: Text & { hint?: string }) {
  return (
    <TextField
      id={`${prefix}-consecutive`}
      label={t("Consecutive checks")}
      hint={hint}
      type="number"
      min={1}
      max={100}
      step={1}
      {...text}
    />
  );
}

export function SeverityField({ prefix, ...text }: Text) {
  const options = wordOptions(ALERT_SEVERITIES, SEVERITY_LABELS);
  return (
    <SelectField
      id={`${prefix}-severity`}
      label={t("Severity")}
      options={options}
      {...text}
    />
  );
}

export function WebhookField({ prefix, hint, ...text }: Text & { hint?: string }) {
  return (
    <TextField
      id={`${prefix}-webhook`}
      label={t("Webhook URL")}
      hint={hint}
      placeholder={t("optional, https://…")}
      {...text}
    />
  );
}
