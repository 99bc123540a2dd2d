// Assign a role to a host account (and, for an operator, the VMs it may power and open).

import { TextField } from "../../components/kit/controls.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { assignRole } from "./api.ts";
import type { VmName } from "./format.ts";
import { GrantForm, type GrantKind, useGrant } from "./GrantForm.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  vms: VmName[];
  disabled: boolean;
  onAssigned: (user: string) => void;
}

const ASSIGN: GrantKind = {
  prefix: "assign",
  label: tKey("Assign a role"),
  submitLabel: tKey("Assign role"),
  scopeLegend: tKey("VMs this operator may power and open"),
  // Only an operator's VMs mean anything: a viewer powers none, an admin all.
  scoped: (role) => role === "operator",
};

export function AssignForm({ vms, disabled, onAssigned }: Props) {
  const grant = useGrant(ASSIGN, "operator", async ({ subject, role, vms }) => {
    await assignRole(subject, role, vms);
    return subject;
  }, onAssigned);

  return (
    <GrantForm grant={grant} disabled={disabled} vms={vms}>
      <TextField
        id="assign-user"
        label={t("Host account")}
        maxLength={33}
        autocomplete="off"
        spellcheck={false}
        // deno-lint-ignore translate/untranslated-text -- a sample account name, not words
        placeholder="alice"
        {...bindSignal(grant.subject)}
      />
    </GrantForm>
  );
}
