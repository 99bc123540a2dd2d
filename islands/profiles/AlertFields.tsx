// Alert rules of a policy: one rule's fields (name, metric, threshold, consecutive checks,
// severity, enabled, webhook), and the list of them a profile holds.

import { Button } from "../../components/kit/Button.tsx";
import { Checkbox } from "../../components/kit/controls.tsx";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import { type AlertDraft, NEW_ALERT } from "../monitoring/forms.ts";
import { alertRuleFields } from "../alerts/RuleFields.tsx";
import { t } from "../../shared/i18n/t.ts";

interface FieldsProps {
  prefix: string;
  draft: AlertDraft;
  set: (change: Partial<AlertDraft>) => void;
}

export function AlertFields({ prefix, draft, set }: FieldsProps) {
  const f = heldDraft(draft, set);
  const field = draftFields(f, prefix);
  const alert = alertRuleFields(f, prefix);
  return (
    <>
      <div class="form-row">
        {field.text("name", { label: t("Rule name"), maxLength: 64 })}
        {alert.metric}
        {alert.threshold}
        {alert.consecutive}
        {alert.severity}
      </div>
      <div class="form-row">{alert.webhook}</div>
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
