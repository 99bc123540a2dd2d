// Create or edit an alert rule: metric, threshold in the metric's unit, scope (every VM or one),
// consecutive readings, severity, enabled and an optional webhook.

import { ALERT_METRICS, ALERT_SEVERITIES, type AlertRule } from "../../shared/metrics.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { editOrNew, FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { createRule, updateRule } from "../monitoring/api.ts";
import { metricLabel, metricUnit } from "../monitoring/format.ts";
import { NEW_RULE, type RuleDraft, ruleDraft, ruleInput } from "../monitoring/forms.ts";

interface Props {
  /** The rule to edit; none for a new one. */
  rule?: AlertRule;
  vms: { id: string; name: string }[];
  onSaved: (rule: AlertRule) => void;
  onCancel: () => void;
}

// The severities as the select names them (lower case, unlike the badges).
const SEVERITY_WORDS = {
  info: tKey("info"),
  warning: tKey("warning"),
  critical: tKey("critical"),
} as const;

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

  const metricOptions = ALERT_METRICS.map((m) => [m, metricLabel(m)] as const);
  const severityOptions = ALERT_SEVERITIES.map((s) => [s, t(SEVERITY_WORDS[s])] as const);
  return (
    <FormPanel
      {...editOrNew(
        rule,
        { edit: t("Edit alert rule"), new: t("New alert rule") },
        t("Create rule"),
      )}
      class="form-panel rule-form"
      submit={submit}
      onCancel={onCancel}
    >
      <div class="field-row">
        <TextField
          id={`${prefix}-name`}
          label={t("Name")}
          inputRef={first}
          maxLength={64}
          {...draft.text("name")}
        />
        <SelectField
          id={`${prefix}-metric`}
          label={t("Metric")}
          options={metricOptions}
          {...draft.text("metric")}
        />
        <TextField
          id={`${prefix}-threshold`}
          label={t("Threshold ({{unit}})", { unit: metricUnit(d.metric) })}
          type="number"
          min={0}
          step="any"
          {...draft.text("threshold")}
        />
      </div>
      <div class="field-row">
        <SelectField
          id={`${prefix}-vm`}
          label={t("VM")}
          value={d.vmId}
          options={[["", t("All VMs")], ...scopes.map((v) => [v.id, v.name] as const)]}
          onValue={(vmId) => set({ vmId })}
        />
        <TextField
          id={`${prefix}-consecutive`}
          label={t("Consecutive checks")}
          hint={t("Readings in a row above the threshold before it fires")}
          type="number"
          min={1}
          max={100}
          step={1}
          {...draft.text("consecutive")}
        />
        <SelectField
          id={`${prefix}-severity`}
          label={t("Severity")}
          options={severityOptions}
          {...draft.text("severity")}
        />
      </div>
      <TextField
        id={`${prefix}-webhook`}
        label={t("Webhook URL")}
        hint={t("Fired and resolved alerts are POSTed here as JSON")}
        placeholder={t("optional, https://…")}
        {...draft.text("webhookUrl")}
      />
      <Checkbox label={t("Enabled")} {...draft.flag("enabled")} />
    </FormPanel>
  );
}
