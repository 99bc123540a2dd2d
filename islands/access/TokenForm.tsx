// A new API token: its name, role and (for operators and viewers) VMs; the API answers with the
// secret, which the card then shows once.

import { useSignal } from "@preact/signals";
import type { Role } from "../../shared/auth.ts";
import { errorMessage } from "../client/api.ts";
import { type ApiTokenInfo, createToken, type VmScope } from "./api.ts";
import { scopeOfRole, type VmName } from "./format.ts";
import { VmScopeField } from "./VmScopeField.tsx";
import { RoleField } from "./RoleField.tsx";

interface Props {
  vms: VmName[];
  disabled: boolean;
  onCreated: (created: { token: ApiTokenInfo; secret: string }) => void;
}

export function TokenForm({ vms, disabled, onCreated }: Props) {
  const name = useSignal("");
  const role = useSignal<Role>("viewer");
  const scope = useSignal<VmScope>("*");
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      const created = await createToken({
        name: name.value.trim(),
        role: role.value,
        vms: scopeOfRole(role.value, scope.value),
      });
      name.value = "";
      onCreated(created);
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form class="template-form" noValidate onSubmit={save} aria-label="New API token">
      <h3>New token</h3>
      <div class="form-row">
        <div class="form-field">
          <label for="token-name">Name</label>
          <input
            id="token-name"
            type="text"
            maxLength={64}
            placeholder="backup-script"
            value={name.value}
            onInput={(e) => name.value = e.currentTarget.value}
          />
        </div>
        <RoleField id="token-role" role={role} />
      </div>
      {role.value !== "admin" && (
        <VmScopeField
          prefix="token"
          legend="VMs (an operator token may power and open these)"
          vms={vms}
          value={scope.value}
          onChange={(s) => scope.value = s}
        />
      )}
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button
          type="submit"
          class="button button-primary"
          disabled={disabled || saving.value}
          aria-busy={saving.value}
        >
          Create token
        </button>
      </div>
    </form>
  );
}
