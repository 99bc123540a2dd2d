// A new API token: its name, how many days it lives (empty: until revoked), its role and (for
// operators and viewers) VMs; the API answers with the secret, which the card then shows once.

import { useSignal } from "@preact/signals";
import { NameField, TextField } from "../../components/kit/controls.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { createToken, type TokenWithSecret } from "./api.ts";
import type { VmName } from "./format.ts";
import { GrantForm, type GrantKind, useGrant } from "./GrantForm.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  vms: VmName[];
  disabled: boolean;
  onCreated: (created: TokenWithSecret) => void;
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

/** The API's bound (lib/auth/input.ts MAX_EXPIRY_DAYS); the API checks it again. */
const MAX_DAYS = 3650;

/** The field's text as the API takes it: null (never) when empty. */
function expiryDays(text: string): number | null {
  if (text.trim() === "") return null;
  const days = Number(text);
  if (!Number.isFinite(days)) {
    throw new Error(
      t("Expiry must be a whole number of days from 1 to {{max}}, or none", { max: MAX_DAYS }),
    );
  }
  return days;
}

export function TokenForm({ vms, disabled, onCreated }: Props) {
  const expiry = useSignal("");
  const grant = useGrant(
    TOKEN,
    "viewer",
    ({ subject, role, vms }) =>
      createToken({ name: subject, role, vms, expiresInDays: expiryDays(expiry.value) }),
    (created) => {
      expiry.value = "";
      onCreated(created);
    },
  );

  return (
    <GrantForm grant={grant} disabled={disabled} vms={vms}>
      <NameField
        id="token-name"
        // deno-lint-ignore translate/untranslated-text -- a sample token name, not words
        placeholder="backup-script"
        {...bindSignal(grant.subject)}
      />
      <TextField
        id="token-expiry"
        label={t("Expires after (days)")}
        hint={t("Empty: never")}
        type="number"
        min={1}
        max={MAX_DAYS}
        step={1}
        inputMode="numeric"
        {...bindSignal(expiry)}
      />
    </GrantForm>
  );
}
