// Create or edit an alert rule: metric, threshold in the metric's unit, scope (every VM or one),
// consecutive readings, severity, enabled and an optional webhook.

import type { AlertRule } from "../../shared/metrics.ts";
import { t } from "../../shared/i18n/t.ts";
import { Checkbox, NameField } from "../../components/kit/controls.tsx";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { SavedItemForm } from "../../components/kit/SavedItemForm.tsx";
import { useDraft, useFocusFirst } from "../../components/kit/use_form.ts";
import { createRule, updateRule } from "../monitoring/api.ts";
import { NEW_RULE, type RuleDraft, ruleDraft, ruleInput } from "../monitoring/forms.ts";
import { alertRuleFields } from "./RuleFields.tsx";

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
  const prefix = rule ? `rule-${rule.id}` : "rule-new";
  const field = draftFields(draft, prefix);
  const alert = alertRuleFields(draft, prefix, {
    consecutive: t("Readings in a row above the threshold before it fires"),
    webhook: t("Fired and resolved alerts are POSTed here as JSON"),
  });
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
        {alert.metric}
        {alert.threshold}
      </div>
      <div class="field-row">
        {field.select("vmId", {
          id: "vm",
          label: t("VM"),
          options: [["", t("All VMs")], ...scopes.map((v) => [v.id, v.name] as const)],
        })}
        {alert.consecutive}
        {alert.severity}
      </div>
      {alert.webhook}
      <Checkbox label={t("Enabled")} {...draft.flag("enabled")} />
    </SavedItemForm>
  );
}
