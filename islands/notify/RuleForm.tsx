// Create or edit a notification rule: which events (kinds, at least which severity, which host),
// to which targets, at once or gathered into a digest.

import { t } from "../../shared/i18n/t.ts";
import {
  NOTIFY_KINDS,
  NOTIFY_SEVERITIES,
  type NotifyRule,
  type NotifyTarget,
} from "../../shared/notify.ts";
import { Checkbox, NameField } from "../../components/kit/controls.tsx";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { CheckboxChoices } from "../../components/kit/CheckboxChoices.tsx";
import { SavedItemForm } from "../../components/kit/SavedItemForm.tsx";
import { useDraft, useFocusFirst } from "../../components/kit/use_form.ts";
import { wordOptions } from "../../components/kit/word_options.ts";
import { SEVERITY_LABELS } from "../monitoring/format.ts";
import { ruleCalls } from "./api.ts";
import { KIND_LABELS, NEW_RULE, type RuleDraft, ruleDraft, ruleInput } from "./forms.ts";

interface Props {
  rule?: NotifyRule;
  targets: NotifyTarget[];
  hosts: { id: string; name: string }[];
  onSaved: (rule: NotifyRule) => void;
  onCancel: () => void;
}

export function RuleForm({ rule, targets, hosts, onSaved, onCancel }: Props) {
  const draft = useDraft<RuleDraft>(
    rule ? ruleDraft(rule) : { ...NEW_RULE, targetIds: targets.slice(0, 1).map((x) => x.id) },
  );
  const first = useFocusFirst();
  const d = draft.value;
  const p = rule ? `nrule-${rule.id}` : "nrule-new";
  const field = draftFields(draft, p);
  return (
    <SavedItemForm
      editing={rule}
      words={{ edit: t("Edit notification rule"), new: t("New notification rule") }}
      createLabel={t("Create rule")}
      class="form-panel notify-rule-form"
      input={() => ruleInput(draft.value)}
      create={ruleCalls.create}
      update={ruleCalls.update}
      onSaved={onSaved}
      onCancel={onCancel}
    >
      <div class="field-row">
        <NameField id={`${p}-name`} inputRef={first} {...draft.text("name")} />
        {field.select("minSeverity", {
          id: "severity",
          label: t("At least"),
          options: wordOptions(NOTIFY_SEVERITIES, SEVERITY_LABELS),
        })}
        {field.select("hostId", {
          id: "host",
          label: t("Host"),
          options: [["", t("All hosts")], ...hosts.map((h) => [h.id, h.name] as const)],
        })}
      </div>
      <CheckboxChoices
        legend={t("Events")}
        options={wordOptions(NOTIFY_KINDS, KIND_LABELS)}
        chosen={d.kinds}
        onChosen={(kinds) => draft.set({ kinds })}
      />
      <CheckboxChoices
        legend={t("Send to")}
        options={targets.map((x) => [x.id, x.name] as const)}
        chosen={d.targetIds}
        onChosen={(targetIds) => draft.set({ targetIds })}
      >
        {targets.length === 0 && <p class="hint">{t("Add a target first.")}</p>}
      </CheckboxChoices>
      <div class="field-row">
        {d.kinds.includes("pool-full") && field.text("poolPercent", {
          id: "pool",
          label: t("Pool full above (%)"),
          type: "number",
          min: 1,
          max: 100,
        })}
        {field.text("digestMinutes", {
          id: "digest",
          label: t("Digest every (minutes)"),
          hint: t("0: each event at once; else one message with what gathered"),
          type: "number",
          min: 0,
          max: 1440,
        })}
      </div>
      <Checkbox label={t("Enabled")} {...draft.flag("enabled")} />
    </SavedItemForm>
  );
}
