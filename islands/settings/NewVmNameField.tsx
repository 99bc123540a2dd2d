// The name of a VM about to be made from another (a clone, a restored backup): checked as it is
// typed, the problem shown in place of the hint.

import { nameIssue } from "../../shared/vm_config.ts";
import { TextField } from "../../components/kit/controls.tsx";
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
    <TextField
      id={id}
      class="form-field"
      label={label}
      hint={issue ? undefined : t("Letters, digits, - and _.")}
      errors={issue ? [issue] : []}
      required
      value={value}
      onValue={onValue}
    />
  );
}
