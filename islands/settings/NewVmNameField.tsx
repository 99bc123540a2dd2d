// The name of a VM about to be made from another (a clone, a restored backup): checked as it is
// typed, the problem shown in place of the hint.

import { nameIssue } from "../../shared/vm_config.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
}

export function NewVmNameField({ id, label, value, onValue }: Props) {
  const issue = nameIssue(value);
  return (
    <div class="form-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        required
        value={value}
        aria-invalid={issue !== null}
        aria-describedby={`${id}-hint`}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
      <p id={`${id}-hint`} class={issue ? "form-error" : "form-hint"}>
        {issue ?? t("Letters, digits, - and _.")}
      </p>
    </div>
  );
}
