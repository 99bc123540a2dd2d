// The role choice of the token and assignment forms.

import type { Signal } from "@preact/signals";
import { type Role, ROLES } from "../../shared/auth.ts";
import { ROLE_LABELS } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

export function RoleField({ id, role }: { id: string; role: Signal<Role> }) {
  return (
    <div class="form-field">
      <label for={id}>{t("Role")}</label>
      <select
        id={id}
        value={role.value}
        onChange={(e) => role.value = e.currentTarget.value as Role}
      >
        {ROLES.map((r) => <option key={r} value={r}>{t(ROLE_LABELS[r])}</option>)}
      </select>
    </div>
  );
}
