// Create or edit an alert rule: metric, threshold in the metric's unit, scope (every VM or one),
// consecutive readings, severity, enabled and an optional webhook.

import { ALERT_METRICS, ALERT_SEVERITIES, type AlertRule } from "../../shared/metrics.ts";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { editOrNew, FormPanel } from "../../components/kit/FormPanel.tsx";
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
    <FormPanel
      {...editOrNew(rule, "alert rule", "Create rule")}
      class="form-panel rule-form"
      submit={submit}
      onCancel={onCancel}
    >
      <div class="field-row">
        <TextField
          id={`${prefix}-name`}
          label="Name"
          inputRef={first}
          maxLength={64}
          {...draft.text("name")}
        />
        <SelectField
          id={`${prefix}-metric`}
          label="Metric"
          options={METRIC_OPTIONS}
          {...draft.text("metric")}
        />
        <TextField
          id={`${prefix}-threshold`}
          label={`Threshold (${metricUnit(d.metric)})`}
          type="number"
          min={0}
          step="any"
          {...draft.text("threshold")}
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
          {...draft.text("consecutive")}
        />
        <SelectField
          id={`${prefix}-severity`}
          label="Severity"
          options={SEVERITY_OPTIONS}
          {...draft.text("severity")}
        />
      </div>
      <TextField
        id={`${prefix}-webhook`}
        label="Webhook URL"
        hint="Fired and resolved alerts are POSTed here as JSON"
        placeholder="optional, https://…"
        {...draft.text("webhookUrl")}
      />
      <Checkbox label="Enabled" {...draft.flag("enabled")} />
    </FormPanel>
  );
}
