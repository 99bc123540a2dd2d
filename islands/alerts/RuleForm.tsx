// Create or edit an alert rule: metric, threshold in the metric's unit, scope (every VM or one),
// consecutive readings, severity, enabled and an optional webhook.

import {
  ALERT_METRICS,
  ALERT_SEVERITIES,
  type AlertMetric,
  type AlertRule,
  type AlertSeverity,
} from "../../shared/metrics.ts";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { FormButtons } from "../../components/kit/FormButtons.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { createRule, updateRule } from "../monitoring/api.ts";
import { METRIC_LABELS, metricUnit } from "../monitoring/format.ts";
import { NEW_RULE, type RuleDraft, ruleDraft, ruleInput } from "../monitoring/forms.ts";

interface Props {
  /** The rule to edit; none for a new one. */
  rule?: AlertRule;
  vms: { id: string; name: string }[];
  onSaved: (rule: AlertRule) => void;
  onCancel: () => void;
}

const METRIC_OPTIONS = ALERT_METRICS.map((m) => [m, METRIC_LABELS[m]] as const);
const SEVERITY_OPTIONS = ALERT_SEVERITIES.map((s) => [s, s] as const);

export function RuleForm({ rule, vms, onSaved, onCancel }: Props) {
  const draft = useDraft<RuleDraft>(rule ? ruleDraft(rule) : NEW_RULE);
  const first = useFocusFirst();
  const d = draft.value;
  const set = draft.set;
  const prefix = rule ? `rule-${rule.id}` : "rule-new";
  // A rule for a VM that is gone still lists its UUID, so saving it keeps (or fixes) the scope.
  const scopes = d.vmId && !vms.some((v) => v.id === d.vmId)
    ? [...vms, { id: d.vmId, name: d.vmId }]
    : vms;
  const submit = useSubmit(async () => {
    const input = ruleInput(draft.value);
    onSaved(rule ? await updateRule(rule.id, input) : await createRule(input));
  });

  return (
    <form
      class="form-panel rule-form"
      noValidate
      onSubmit={submit.onSubmit}
      aria-label={rule ? "Edit alert rule" : "New alert rule"}
    >
      <h2>{rule ? `Edit ${rule.name}` : "New alert rule"}</h2>
      <div class="field-row">
        <TextField
          id={`${prefix}-name`}
          label="Name"
          inputRef={first}
          maxLength={64}
          value={d.name}
          onValue={(name) => set({ name })}
        />
        <SelectField
          id={`${prefix}-metric`}
          label="Metric"
          value={d.metric}
          options={METRIC_OPTIONS}
          onValue={(v) => set({ metric: v as AlertMetric })}
        />
        <TextField
          id={`${prefix}-threshold`}
          label={`Threshold (${metricUnit(d.metric)})`}
          type="number"
          min={0}
          step="any"
          value={d.threshold}
          onValue={(threshold) => set({ threshold })}
        />
      </div>
      <div class="field-row">
        <SelectField
          id={`${prefix}-vm`}
          label="VM"
          value={d.vmId}
          options={[["", "All VMs"], ...scopes.map((v) => [v.id, v.name] as const)]}
          onValue={(vmId) => set({ vmId })}
        />
        <TextField
          id={`${prefix}-consecutive`}
          label="Consecutive checks"
          hint="Readings in a row above the threshold before it fires"
          type="number"
          min={1}
          max={100}
          step={1}
          value={d.consecutive}
          onValue={(consecutive) => set({ consecutive })}
        />
        <SelectField
          id={`${prefix}-severity`}
          label="Severity"
          value={d.severity}
          options={SEVERITY_OPTIONS}
          onValue={(v) => set({ severity: v as AlertSeverity })}
        />
      </div>
      <TextField
        id={`${prefix}-webhook`}
        label="Webhook URL"
        hint="Fired and resolved alerts are POSTed here as JSON"
        placeholder="optional, https://…"
        value={d.webhookUrl}
        onValue={(webhookUrl) => set({ webhookUrl })}
      />
      <Checkbox label="Enabled" checked={d.enabled} onChecked={(enabled) => set({ enabled })} />
      <ErrorNotice message={submit.failure.value} />
      <FormButtons
        submit={rule ? "Save changes" : "Create rule"}
        busy={submit.busy.value}
        onCancel={onCancel}
      />
    </form>
  );
}
