// Alert rules of a policy: one rule's fields (name, metric, threshold, consecutive checks,
// severity, enabled, webhook), and the list of them a profile holds.

import { ALERT_METRICS, ALERT_SEVERITIES } from "../../shared/metrics.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import { METRIC_LABELS, metricUnit } from "../monitoring/format.ts";
import { type AlertDraft, NEW_ALERT } from "./draft.ts";
import { SEVERITY_LABELS } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface FieldsProps {
  prefix: string;
  draft: AlertDraft;
  set: (change: Partial<AlertDraft>) => void;
}

export function AlertFields({ prefix, draft, set }: FieldsProps) {
  const f = heldDraft(draft, set);
  const metricOptions = ALERT_METRICS.map((m) => [m, t(METRIC_LABELS[m])] as const);
  const severityOptions = ALERT_SEVERITIES.map((s) => [s, t(SEVERITY_LABELS[s])] as const);
  return (
    <>
      <div class="form-row">
        <TextField
          id={`${prefix}-name`}
          label={t("Rule name")}
          maxLength={64}
          {...f.text("name")}
        />
        <SelectField
          id={`${prefix}-metric`}
          label={t("Metric")}
          options={metricOptions}
          {...f.text("metric")}
        />
        <TextField
          id={`${prefix}-threshold`}
          label={t("Threshold ({{unit}})", { unit: metricUnit(draft.metric) })}
          type="number"
          min={0}
          step="any"
          {...f.text("threshold")}
        />
        <TextField
          id={`${prefix}-consecutive`}
          label={t("Consecutive checks")}
          type="number"
          min={1}
          max={100}
          step={1}
          {...f.text("consecutive")}
        />
        <SelectField
          id={`${prefix}-severity`}
          label={t("Severity")}
          options={severityOptions}
          {...f.text("severity")}
        />
      </div>
      <div class="form-row">
        <TextField
          id={`${prefix}-webhook`}
          label={t("Webhook URL")}
          placeholder={t("optional, https://…")}
          {...f.text("webhookUrl")}
        />
      </div>
      <Checkbox label={t("Enabled")} {...f.flag("enabled")} />
    </>
  );
}

interface ListProps {
  prefix: string;
  rules: AlertDraft[];
  set: (rules: AlertDraft[]) => void;
}

/** A profile's rules, each in its own group with Remove, and "Add alert rule". */
export function AlertRulesFields({ prefix, rules, set }: ListProps) {
  const change = (i: number, c: Partial<AlertDraft>) =>
    set(rules.map((r, j) => j === i ? { ...r, ...c } : r));
  return (
    <div class="policy-rules">
      {rules.length === 0 && <p class="form-hint">{t("No alert rules.")}</p>}
      {rules.map((r, i) => (
        <fieldset key={i} class="policy-rule" aria-label={t("Alert rule {{n}}", { n: i + 1 })}>
          <AlertFields
            prefix={`${prefix}-${i}`}
            draft={r}
            set={(c) =>
              change(i, c)}
          />
          <Button
            small
            aria-label={t("Remove alert rule {{n}}", { n: i + 1 })}
            onClick={() =>
              set(rules.filter((_, j) =>
                j !== i
              ))}
          >
            {t("Remove")}
          </Button>
        </fieldset>
      ))}
      <Button small onClick={() => set([...rules, NEW_ALERT])}>{t("Add alert rule")}</Button>
    </div>
  );
}
