// The signed-in caller as the page told us (meta tags written by routes/layout/Layout.tsx): the
// CSRF token every change must carry, and the role, so islands hide what it cannot do.

import type { Role } from "../../shared/auth.ts";

function meta(name: string): string {
  return globalThis.document?.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ??
    "";
}

/** The session's CSRF token, sent as X-CSRF-Token on every change. */
export function csrfToken(): string {
  return meta("kvmm-csrf");
}

/** The caller's role; "admin" when the page carries none (server-side rendering). */
export function currentRole(): Role {
  return (meta("kvmm-role") || "admin") as Role;
}

/** The signed-in account's name; "" when the page carries none. */
export function currentUser(): string {
  return meta("kvmm-user");
}

/** VM UUIDs an operator may power and open ("*" for all). */
function allowedVms(): "*" | string[] {
  const v = meta("kvmm-vms");
  return !v || v === "*" ? "*" : v.split(",");
}

/** True when the caller may change anything beyond VM power (admins). */
export function isAdmin(): boolean {
  return currentRole() === "admin";
}

/** True when the caller may power this VM and open its console. */
export function mayPowerVm(uuid: string): boolean {
  const role = currentRole();
  if (role === "admin") return true;
  if (role !== "operator") return false;
  const vms = allowedVms();
  return vms === "*" || vms.includes(uuid.toLowerCase());
}
