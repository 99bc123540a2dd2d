// What an API token may do now: the lower of its own role and its owner's current grant, and
// only the VMs both allow.

import type { Grant } from "./access.ts";
import { type Identity, type Role, ROLES } from "../../shared/auth.ts";

/** True when `role` may do at least what `than` may. */
export function atLeast(role: Role, than: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(than);
}

/** The lower of two roles. */
export function lowerRole(a: Role, b: Role): Role {
  return atLeast(a, b) ? b : a;
}

/** The VMs both scopes allow ("*" allows all). */
export function narrowVms(a: "*" | string[], b: "*" | string[]): "*" | string[] {
  if (a === "*") return b;
  if (b === "*") return a;
  const inB = new Set(b.map((id) => id.toLowerCase()));
  return a.filter((id) => inB.has(id.toLowerCase()));
}

/**
 * A token's identity as its owner's grant allows it today: null when the owner may no longer
 * sign in at all. `tokenRole` keeps the role the token was made with.
 */
export function tokenIdentity(token: Identity, owner: Grant | null): Identity | null {
  if (!owner) return null;
  const role = lowerRole(token.role, owner.role);
  const vms = role === "admin" ? "*" : narrowVms(token.vms, owner.vms);
  return { ...token, role, vms, tokenRole: token.role };
}
