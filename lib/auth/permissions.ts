// What a request may need, and whether a caller meets it. Each route declares its need
// (routes/declare.ts, `access`); the auth guard reads it from there (routes/route_table.ts).

import type { Identity } from "../../shared/auth.ts";
import { allowsVm } from "./vm_scope.ts";

export type Need =
  /** Anyone: the sign-in page, its call, and static assets (code and styles, no host data). */
  | { kind: "public" }
  /** Any signed-in role. */
  | { kind: "signed-in" }
  /** Viewers and up: read-only. */
  | { kind: "read" }
  /** Operators allowed on this VM (id as in the path: UUID or name), and admins. */
  | { kind: "vm"; vm: string }
  | { kind: "admin" };

/** True when the identity may power and open the console of the VM with this UUID. */
export function mayPower(identity: Identity, uuid: string): boolean {
  if (identity.role === "admin") return true;
  return identity.role === "operator" && allowsVm(identity.vms, uuid);
}

/**
 * Whether a page offers the console of the VM with this UUID (its tab, its view): as mayPower;
 * the console's own routes check again. Without an identity (a page a test renders in-process,
 * past no sign-in) it is offered: what the page shows grants nothing.
 */
export function mayOpenConsole(identity: Identity | undefined, uuid: string): boolean {
  return identity === undefined || mayPower(identity, uuid);
}

/** Whether a role meets a need that does not depend on a VM. */
export function meets(identity: Identity, need: Need): boolean {
  switch (need.kind) {
    case "public":
    case "signed-in":
    case "read":
      return true;
    case "admin":
      return identity.role === "admin";
    case "vm":
      return identity.role !== "viewer";
  }
}
