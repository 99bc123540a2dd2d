// A form that grants a role with the VMs it reaches (a role assigned to a host account, a new API
// token): whom it goes to beside the role, then the VMs while the role is scoped. A form says its
// kind (words, which roles carry VMs), its first field and its request; this owns the rest.

import type { ComponentChildren } from "preact";
import { type Signal, useSignal } from "@preact/signals";
import type { Role } from "../../shared/auth.ts";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { type Submit, useSubmit } from "../../components/kit/use_form.ts";
import type { VmScope } from "./api.ts";
import type { VmName } from "./format.ts";
import { RoleField } from "./RoleField.tsx";
import { VmScopeField } from "./VmScopeField.tsx";
import { t } from "../../shared/i18n/t.ts";

/** What differs between the grant forms; the words are keys, translated where shown. */
export interface GrantKind {
  /** Prefix of the role's id and the scope's inputs ("token": token-role, token-scope). */
  prefix: string;
  label: string;
  title?: string;
  submitLabel: string;
  scopeLegend: string;
  /** Whether a role carries a choice of VMs; the others get every VM (or none matters). */
  scoped: (role: Role) => boolean;
}

/** What the request sends: whom the role goes to (trimmed), the role and its VMs. */
export interface Granted {
  subject: string;
  role: Role;
  /** The VMs chosen while the role is scoped, else all. */
  vms: VmScope;
}

export interface Grant {
  kind: GrantKind;
  /** The first field's value: the account or the token's name; cleared once granted. */
  subject: Signal<string>;
  role: Signal<Role>;
  scope: Signal<VmScope>;
  submit: Submit;
}

/** The form's state; `send` makes the request, `done` gets its answer after the form cleared. */
export function useGrant<T>(
  kind: GrantKind,
  initial: Role,
  send: (granted: Granted) => Promise<T>,
  done: (answer: T) => void,
): Grant {
  const subject = useSignal("");
  const role = useSignal<Role>(initial);
  const scope = useSignal<VmScope>("*");
  const submit = useSubmit(async () => {
    const vms = kind.scoped(role.value) ? scope.value : "*";
    const answer = await send({ subject: subject.value.trim(), role: role.value, vms });
    subject.value = "";
    done(answer);
  });
  return { kind, subject, role, scope, submit };
}

interface Props {
  grant: Grant;
  disabled: boolean;
  vms: VmName[];
  /** The field before the role: whom the role goes to. */
  children: ComponentChildren;
}

export function GrantForm(
  { grant: { kind, role, scope, submit }, disabled, vms, children }: Props,
) {
  return (
    <FormPanel
      label={t(kind.label)}
      title={kind.title && t(kind.title)}
      heading={3}
      class="template-form"
      submit={submit}
      submitLabel={t(kind.submitLabel)}
      disabled={disabled}
    >
      <div class="form-row">
        {children}
        <RoleField id={`${kind.prefix}-role`} role={role} />
      </div>
      {kind.scoped(role.value) && (
        <VmScopeField
          prefix={kind.prefix}
          legend={t(kind.scopeLegend)}
          vms={vms}
          value={scope.value}
          onChange={(s) => scope.value = s}
        />
      )}
    </FormPanel>
  );
}
