// Alert rules of a policy: one rule's fields (name, metric, threshold, consecutive checks,
// severity, enabled, webhook), and the list of them a profile holds.

import { ALERT_METRICS, ALERT_SEVERITIES } from "../../shared/metrics.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import { METRIC_LABELS, metricUnit } from "../monitoring/format.ts";
import { type AlertDraft, NEW_ALERT } from "./draft.ts";

interface FieldsProps {
  prefix: string;
  draft: AlertDraft;
  set: (change: Partial<AlertDraft>) => void;
}

const METRIC_OPTIONS = ALERT_METRICS.map((m) => [m, METRIC_LABELS[m]] as const);
const SEVERITY_OPTIONS = ALERT_SEVERITIES.map((s) => [s, s] as const);

export function AlertFields({ prefix, draft, set }: FieldsProps) {
  const f = heldDraft(draft, set);
  return (
    <>
      <div class="form-row">
        <TextField id={`${prefix}-name`} label="Rule name" maxLength={64} {...f.text("name")} />
        <SelectField
          id={`${prefix}-metric`}
          label="Metric"
          options={METRIC_OPTIONS}
          {...f.text("metric")}
        />
        <TextField
          id={`${prefix}-threshold`}
          label={`Threshold (${metricUnit(draft.metric)})`}
          type="number"
          min={0}
          step="any"
          {...f.text("threshold")}
        />
        <TextField
          id={`${prefix}-consecutive`}
          label="Consecutive checks"
          type="number"
          min={1}
          max={100}
          step={1}
          {...f.text("consecutive")}
        />
        <SelectField
          id={`${prefix}-severity`}
          label="Severity"
          options={SEVERITY_OPTIONS}
          {...f.text("severity")}
        />
      </div>
      <div class="form-row">
        <TextField
          id={`${prefix}-webhook`}
          label="Webhook URL"
          placeholder="optional, https://…"
          {...f.text("webhookUrl")}
        />
      </div>
      <Checkbox label="Enabled" {...f.flag("enabled")} />
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
      {rules.length === 0 && <p class="form-hint">No alert rules.</p>}
      {rules.map((r, i) => (
        <fieldset key={i} class="policy-rule" aria-label={`Alert rule ${i + 1}`}>
          <AlertFields prefix={`${prefix}-${i}`} draft={r} set={(c) => change(i, c)} />
          <Button
            small
            aria-label={`Remove alert rule ${i + 1}`}
            onClick={() => set(rules.filter((_, j) => j !== i))}
          >
            Remove
          </Button>
        </fieldset>
      ))}
      <Button small onClick={() => set([...rules, NEW_ALERT])}>Add alert rule</Button>
    </div>
  );
}
