// Create or edit an alert rule: metric, threshold in the metric's unit, scope (every VM or one),
// consecutive readings, severity, enabled and an optional webhook.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import {
  ALERT_METRICS,
  ALERT_SEVERITIES,
  type AlertMetric,
  type AlertRule,
  type AlertSeverity,
} from "../../shared/metrics.ts";
import { errorMessage } from "../client/api.ts";
import { createRule, updateRule } from "../monitoring/api.ts";
import { METRIC_LABELS, metricUnit } from "../monitoring/format.ts";
import { NEW_RULE, type RuleDraft, ruleDraft, ruleInput } from "../monitoring/forms.ts";
import { Field } from "../wizard/Field.tsx";

interface Props {
  /** The rule to edit; none for a new one. */
  rule?: AlertRule;
  vms: { id: string; name: string }[];
  onSaved: (rule: AlertRule) => void;
  onCancel: () => void;
}

export function RuleForm({ rule, vms, onSaved, onCancel }: Props) {
  const draft = useSignal<RuleDraft>(rule ? ruleDraft(rule) : NEW_RULE);
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  // Before the browser paints: a later focus could move typing already begun in another field.
  useLayoutEffect(() => first.current?.focus(), []);

  const d = draft.value;
  const set = (change: Partial<RuleDraft>) => draft.value = { ...draft.value, ...change };
  const prefix = rule ? `rule-${rule.id}` : "rule-new";
  // A rule for a VM that is gone still lists its UUID, so saving it keeps (or fixes) the scope.
  const scopes = d.vmId && !vms.some((v) => v.id === d.vmId)
    ? [...vms, { id: d.vmId, name: d.vmId }]
    : vms;

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      const input = ruleInput(draft.value);
      onSaved(rule ? await updateRule(rule.id, input) : await createRule(input));
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form
      class="template-form rule-form"
      noValidate
      onSubmit={save}
      aria-label={rule ? "Edit alert rule" : "New alert rule"}
    >
      <h2>{rule ? `Edit ${rule.name}` : "New alert rule"}</h2>
      <div class="field-row">
        <Field id={`${prefix}-name`} label="Name">
          {(a) => (
            <input
              {...a}
              ref={first}
              type="text"
              maxLength={64}
              value={d.name}
              onInput={(e) => set({ name: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id={`${prefix}-metric`} label="Metric">
          {(a) => (
            <select
              {...a}
              value={d.metric}
              onChange={(e) => set({ metric: e.currentTarget.value as AlertMetric })}
            >
              {ALERT_METRICS.map((m) => <option key={m} value={m}>{METRIC_LABELS[m]}</option>)}
            </select>
          )}
        </Field>
        <Field id={`${prefix}-threshold`} label={`Threshold (${metricUnit(d.metric)})`}>
          {(a) => (
            <input
              {...a}
              type="number"
              min={0}
              step="any"
              value={d.threshold}
              onInput={(e) => set({ threshold: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <div class="field-row">
        <Field id={`${prefix}-vm`} label="VM">
          {(a) => (
            <select
              {...a}
              value={d.vmId}
              onChange={(e) => set({ vmId: e.currentTarget.value })}
            >
              <option value="">All VMs</option>
              {scopes.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
            </select>
          )}
        </Field>
        <Field
          id={`${prefix}-consecutive`}
          label="Consecutive checks"
          hint="Readings in a row above the threshold before it fires"
        >
          {(a) => (
            <input
              {...a}
              type="number"
              min={1}
              max={100}
              step={1}
              value={d.consecutive}
              onInput={(e) => set({ consecutive: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id={`${prefix}-severity`} label="Severity">
          {(a) => (
            <select
              {...a}
              value={d.severity}
              onChange={(e) => set({ severity: e.currentTarget.value as AlertSeverity })}
            >
              {ALERT_SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          )}
        </Field>
      </div>
      <Field
        id={`${prefix}-webhook`}
        label="Webhook URL"
        hint="Fired and resolved alerts are POSTed here as JSON"
      >
        {(a) => (
          <input
            {...a}
            type="text"
            placeholder="optional, https://…"
            value={d.webhookUrl}
            onInput={(e) => set({ webhookUrl: e.currentTarget.value })}
          />
        )}
      </Field>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={d.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />{" "}
        Enabled
      </label>
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value}
          aria-busy={saving.value}
        >
          {rule ? "Save changes" : "Create rule"}
        </button>
      </div>
    </form>
  );
}
