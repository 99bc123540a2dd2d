// Words of the access page: VM scopes by name, the example request for a new token, whether a
// token still works, and the grace periods a rotation offers.

import type { Role } from "../../shared/auth.ts";
import { vmsPath } from "../../shared/api_paths.ts";
import type { VmScope } from "./api.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** The role choices of the forms, each with what it may do (keys: t() them where shown). */
export const ROLE_LABELS: Record<Role, string> = {
  admin: tKey("Admin: everything"),
  operator: tKey("Operator: read, power and console"),
  viewer: tKey("Viewer: read only"),
};

const ROLE_NAMES: Record<Role, string> = {
  admin: tKey("admin"),
  operator: tKey("operator"),
  viewer: tKey("viewer"),
};

/** A role's name as the lists show it ("operator"). */
export const roleName = (role: Role) => t(ROLE_NAMES[role]);

export interface VmName {
  id: string;
  name: string;
}

/** "All VMs", or the VMs' names (a UUID whose VM is gone stays a UUID). */
export function scopeLabel(vms: VmScope, known: VmName[]): string {
  if (vms === "*") return t("All VMs");
  if (vms.length === 0) return t("None");
  const names = new Map(known.map((v) => [v.id.toLowerCase(), v.name]));
  return vms.map((id) => names.get(id.toLowerCase()) ?? id).join(", ");
}

/** A copy-and-paste request that lists the VMs with the token. */
export function curlExample(origin: string, secret: string): string {
  return `curl -H "Authorization: Bearer ${secret}" ${origin}${vmsPath()}`;
}

/**
 * A token's role as the list shows it: its own, and what it acts with when its owner's current
 * role is lower, or that it is refused when the owner may no longer sign in.
 */
export function tokenRoleLabel(
  token: { role: Role; effectiveRole?: Role | null; revokedAt: string | null },
): { role: string; note: string | null } {
  const { role, effectiveRole } = token;
  if (token.revokedAt || effectiveRole === undefined || effectiveRole === role) {
    return { role, note: null };
  }
  if (effectiveRole === null) {
    return { role, note: t("refused: its owner may no longer sign in") };
  }
  return {
    role,
    note: t("acts as {{role}}: its owner's current role", { role: roleName(effectiveRole) }),
  };
}

/** Whether a token has passed its expiry, by the browser's clock. */
export const isExpired = (token: { expiresAt: string | null }, now = Date.now()) =>
  token.expiresAt !== null && Date.parse(token.expiresAt) <= now;

/** Neither revoked nor expired: it may be rotated. */
export const isLive = (
  token: { revokedAt: string | null; expiresAt: string | null },
  now = Date.now(),
) => !token.revokedAt && !isExpired(token, now);

/** The grace periods the Rotate dialog offers, in seconds (the API takes up to 30 days). */
export const GRACE_CHOICES: readonly (readonly [seconds: number, label: string])[] = [
  [0, tKey("None: the old secret stops at once")],
  [600, tKey("10 minutes")],
  [3600, tKey("1 hour")],
  [86_400, tKey("1 day")],
  [7 * 86_400, tKey("7 days")],
  [30 * 86_400, tKey("30 days")],
];
