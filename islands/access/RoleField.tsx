// The role choice of the token and assignment forms.

import type { Signal } from "@preact/signals";
import { type Role, ROLES } from "../../shared/auth.ts";
import { ROLE_LABELS } from "./format.ts";
import { SelectField } from "../../components/kit/controls.tsx";
import { t } from "../../shared/i18n/t.ts";

export function RoleField({ id, role }: { id: string; role: Signal<Role> }) {
  return (
    <SelectField
      id={id}
      label={t("Role")}
      options={ROLES.map((r) => [r, t(ROLE_LABELS[r])] as const)}
      value={role.value}
      onValue={(r) => role.value = r as Role}
    />
  );
}
