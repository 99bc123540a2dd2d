// Alert rules of a policy: one rule's fields (name, metric, threshold, consecutive checks,
// severity, enabled, webhook), and the list of them a profile holds.

import {
  ALERT_METRICS,
  ALERT_SEVERITIES,
  type AlertMetric,
  type AlertSeverity,
} from "../../shared/metrics.ts";
import { METRIC_LABELS, metricUnit } from "../monitoring/format.ts";
import { type AlertDraft, NEW_ALERT } from "./draft.ts";

interface FieldsProps {
  prefix: string;
  draft: AlertDraft;
  set: (change: Partial<AlertDraft>) => void;
}

export function AlertFields({ prefix, draft: d, set }: FieldsProps) {
  return (
    <>
      <div class="form-row">
        <div class="form-field">
          <label for={`${prefix}-name`}>Rule name</label>
          <input
            id={`${prefix}-name`}
            type="text"
            maxLength={64}
            value={d.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        </div>
        <div class="form-field">
          <label for={`${prefix}-metric`}>Metric</label>
          <select
            id={`${prefix}-metric`}
            value={d.metric}
            onChange={(e) => set({ metric: e.currentTarget.value as AlertMetric })}
          >
            {ALERT_METRICS.map((m) => <option key={m} value={m}>{METRIC_LABELS[m]}</option>)}
          </select>
        </div>
        <div class="form-field">
          <label for={`${prefix}-threshold`}>Threshold ({metricUnit(d.metric)})</label>
          <input
            id={`${prefix}-threshold`}
            type="number"
            min={0}
            step="any"
            value={d.threshold}
            onInput={(e) => set({ threshold: e.currentTarget.value })}
          />
        </div>
        <div class="form-field">
          <label for={`${prefix}-consecutive`}>Consecutive checks</label>
          <input
            id={`${prefix}-consecutive`}
            type="number"
            min={1}
            max={100}
            step={1}
            value={d.consecutive}
            onInput={(e) => set({ consecutive: e.currentTarget.value })}
          />
        </div>
        <div class="form-field">
          <label for={`${prefix}-severity`}>Severity</label>
          <select
            id={`${prefix}-severity`}
            value={d.severity}
            onChange={(e) => set({ severity: e.currentTarget.value as AlertSeverity })}
          >
            {ALERT_SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
      </div>
      <div class="form-row">
        <div class="form-field">
          <label for={`${prefix}-webhook`}>Webhook URL</label>
          <input
            id={`${prefix}-webhook`}
            type="text"
            placeholder="optional, https://…"
            value={d.webhookUrl}
            onInput={(e) => set({ webhookUrl: e.currentTarget.value })}
          />
        </div>
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={d.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />{" "}
        Enabled
      </label>
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
          <button
            type="button"
            class="button button-small"
            aria-label={`Remove alert rule ${i + 1}`}
            onClick={() => set(rules.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </fieldset>
      ))}
      <button type="button" class="button button-small" onClick={() => set([...rules, NEW_ALERT])}>
        Add alert rule
      </button>
    </div>
  );
}
