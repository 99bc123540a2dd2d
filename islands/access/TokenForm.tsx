// A new API token: its name, role and (for operators and viewers) VMs; the API answers with the
// secret, which the card then shows once.

import { useSignal } from "@preact/signals";
import type { Role } from "../../shared/auth.ts";
import { NameField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useSubmit } from "../../components/kit/use_form.ts";
import { type ApiTokenInfo, createToken, type VmScope } from "./api.ts";
import { scopeOfRole, type VmName } from "./format.ts";
import { VmScopeField } from "./VmScopeField.tsx";
import { RoleField } from "./RoleField.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  vms: VmName[];
  disabled: boolean;
  onCreated: (created: { token: ApiTokenInfo; secret: string }) => void;
}

export function TokenForm({ vms, disabled, onCreated }: Props) {
  const name = useSignal("");
  const role = useSignal<Role>("viewer");
  const scope = useSignal<VmScope>("*");
  const submit = useSubmit(async () => {
    const created = await createToken({
      name: name.value.trim(),
      role: role.value,
      vms: scopeOfRole(role.value, scope.value),
    });
    name.value = "";
    onCreated(created);
  });

  return (
    <FormPanel
      label={t("New API token")}
      title={t("New token")}
      heading={3}
      class="template-form"
      submit={submit}
      submitLabel={t("Create token")}
      disabled={disabled}
    >
      <div class="form-row">
        <NameField
          id="token-name"
          // deno-lint-ignore translate/untranslated-text -- a sample token name, not words
          placeholder="backup-script"
          value={name.value}
          onValue={(v) => name.value = v}
        />
        <RoleField id="token-role" role={role} />
      </div>
      {role.value !== "admin" && (
        <VmScopeField
          prefix="token"
          legend={t("VMs (an operator token may power and open these)")}
          vms={vms}
          value={scope.value}
          onChange={(s) => scope.value = s}
        />
      )}
    </FormPanel>
  );
}
