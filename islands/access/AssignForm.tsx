// Assign a role to a host account (and, for an operator, the VMs it may power and open).

import { useSignal } from "@preact/signals";
import type { Role } from "../../shared/auth.ts";
import { TextField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useSubmit } from "../../components/kit/use_form.ts";
import { assignRole, type VmScope } from "./api.ts";
import { scopeOfRole, type VmName } from "./format.ts";
import { VmScopeField } from "./VmScopeField.tsx";
import { RoleField } from "./RoleField.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  vms: VmName[];
  disabled: boolean;
  onAssigned: (user: string) => void;
}

export function AssignForm({ vms, disabled, onAssigned }: Props) {
  const user = useSignal("");
  const role = useSignal<Role>("operator");
  const scope = useSignal<VmScope>("*");
  const submit = useSubmit(async () => {
    const account = user.value.trim();
    // Only an operator's VMs mean anything: a viewer powers none, an admin all.
    const vmsOf = role.value === "operator" ? scope.value : "*";
    await assignRole(account, role.value, scopeOfRole(role.value, vmsOf));
    user.value = "";
    onAssigned(account);
  });

  return (
    <FormPanel
      label={t("Assign a role")}
      heading={3}
      class="template-form"
      submit={submit}
      submitLabel={t("Assign role")}
      disabled={disabled}
    >
      <div class="form-row">
        <TextField
          id="assign-user"
          label={t("Host account")}
          maxLength={33}
          autocomplete="off"
          spellcheck={false}
          // deno-lint-ignore translate/untranslated-text -- a sample account name, not words
          placeholder="alice"
          value={user.value}
          onValue={(v) => user.value = v}
        />
        <RoleField id="assign-role" role={role} />
      </div>
      {role.value === "operator" && (
        <VmScopeField
          prefix="assign"
          legend={t("VMs this operator may power and open")}
          vms={vms}
          value={scope.value}
          onChange={(s) => scope.value = s}
        />
      )}
    </FormPanel>
  );
}
