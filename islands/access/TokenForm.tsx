// A new API token: its name, role and (for operators and viewers) VMs; the API answers with the
// secret, which the card then shows once.

import { NameField } from "../../components/kit/controls.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { type ApiTokenInfo, createToken } from "./api.ts";
import type { VmName } from "./format.ts";
import { GrantForm, type GrantKind, useGrant } from "./GrantForm.tsx";
import { tKey } from "../../shared/i18n/t.ts";

interface Props {
  vms: VmName[];
  disabled: boolean;
  onCreated: (created: { token: ApiTokenInfo; secret: string }) => void;
}

const TOKEN: GrantKind = {
  prefix: "token",
  label: tKey("New API token"),
  title: tKey("New token"),
  submitLabel: tKey("Create token"),
  scopeLegend: tKey("VMs (an operator token may power and open these)"),
  // Admins always have every VM.
  scoped: (role) => role !== "admin",
};

export function TokenForm({ vms, disabled, onCreated }: Props) {
  const grant = useGrant(
    TOKEN,
    "viewer",
    ({ subject, role, vms }) => createToken({ name: subject, role, vms }),
    onCreated,
  );

  return (
    <GrantForm grant={grant} disabled={disabled} vms={vms}>
      <NameField
        id="token-name"
        // deno-lint-ignore translate/untranslated-text -- a sample token name, not words
        placeholder="backup-script"
        {...bindSignal(grant.subject)}
      />
    </GrantForm>
  );
}
