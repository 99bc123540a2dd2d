// Create or edit an alert rule: metric, threshold in the metric's unit, scope (every VM or one),
// consecutive readings, severity, enabled and an optional webhook.

import type { AlertRule } from "../../shared/metrics.ts";
import { t } from "../../shared/i18n/t.ts";
import { Checkbox, NameField, SelectField } from "../../components/kit/controls.tsx";
import { SavedItemForm } from "../../components/kit/SavedItemForm.tsx";
import { useDraft, useFocusFirst } from "../../components/kit/use_form.ts";
import { createRule, updateRule } from "../monitoring/api.ts";
import { NEW_RULE, type RuleDraft, ruleDraft, ruleInput } from "../monitoring/forms.ts";
import {
  ConsecutiveField,
  MetricField,
  SeverityField,
  ThresholdField,
  WebhookField,
} from "./RuleFields.tsx";

interface Props {
  /** The rule to edit; none for a new one. */
  rule?: AlertRule;
  vms: { id: string; name: string }[];
  onSaved: (rule: AlertRule) => void;
  onCancel: () => void;
}

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
  return (
    <SavedItemForm
      editing={rule}
      words={{ edit: t("Edit alert rule"), new: t("New alert rule") }}
      createLabel={t("Create rule")}
      class="form-panel rule-form"
      input={() => ruleInput(draft.value)}
      create={createRule}
      update={updateRule}
      onSaved={onSaved}
      onCancel={onCancel}
    >
      <div class="field-row">
        <NameField id={`${prefix}-name`} inputRef={first} {...draft.text("name")} />
        <MetricField prefix={prefix} {...draft.text("metric")} />
        <ThresholdField prefix={prefix} metric={d.metric} {...draft.text("threshold")} />
      </div>
      <div class="field-row">
        <SelectField
          id={`${prefix}-vm`}
          label={t("VM")}
          value={d.vmId}
          options={[["", t("All VMs")], ...scopes.map((v) => [v.id, v.name] as const)]}
          onValue={(vmId) => set({ vmId })}
        />
        <ConsecutiveField
          prefix={prefix}
          hint={t("Readings in a row above the threshold before it fires")}
          {...draft.text("consecutive")}
        />
        <SeverityField prefix={prefix} {...draft.text("severity")} />
      </div>
      <WebhookField
        prefix={prefix}
        hint={t("Fired and resolved alerts are POSTed here as JSON")}
        {...draft.text("webhookUrl")}
      />
      <Checkbox label={t("Enabled")} {...draft.flag("enabled")} />
    </SavedItemForm>
  );
}
