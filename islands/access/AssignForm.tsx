// Assign a role to a host account (and, for an operator, the VMs it may power and open).

import { useSignal } from "@preact/signals";
import type { Role } from "../../shared/auth.ts";
import { errorMessage } from "../client/api.ts";
import { assignRole, type VmScope } from "./api.ts";
import { scopeOfRole, type VmName } from "./format.ts";
import { VmScopeField } from "./VmScopeField.tsx";
import { RoleField } from "./RoleField.tsx";

interface Props {
  vms: VmName[];
  disabled: boolean;
  onAssigned: (user: string) => void;
}

export function AssignForm({ vms, disabled, onAssigned }: Props) {
  const user = useSignal("");
  const role = useSignal<Role>("operator");
  const scope = useSignal<VmScope>("*");
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    const account = user.value.trim();
    saving.value = true;
    failure.value = null;
    try {
      // Only an operator's VMs mean anything: a viewer powers none, an admin all.
      const vmsOf = role.value === "operator" ? scope.value : "*";
      await assignRole(account, role.value, scopeOfRole(role.value, vmsOf));
      user.value = "";
      onAssigned(account);
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form class="template-form" noValidate onSubmit={save} aria-label="Assign a role">
      <h3>Assign a role</h3>
      <div class="form-row">
        <div class="form-field">
          <label for="assign-user">Host account</label>
          <input
            id="assign-user"
            type="text"
            maxLength={33}
            autocomplete="off"
            spellcheck={false}
            placeholder="alice"
            value={user.value}
            onInput={(e) => user.value = e.currentTarget.value}
          />
        </div>
        <RoleField id="assign-role" role={role} />
      </div>
      {role.value === "operator" && (
        <VmScopeField
          prefix="assign"
          legend="VMs this operator may power and open"
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
          Assign role
        </button>
      </div>
    </form>
  );
}
