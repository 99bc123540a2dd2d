// What each request needs: the one table the auth middleware enforces for every route, so no
// permission lives only in a form.

import { VM_ACTIONS } from "../../shared/vms.ts";
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

const SAFE = new Set(["GET", "HEAD"]);
const POWER_ACTIONS: readonly string[] = VM_ACTIONS;

// Reads that hand out more than state: guest files, disk contents, definitions (which can hold
// display passwords), the agent files, and who may do what.
const ADMIN_READS: RegExp[] = [
  /^\/api\/vms\/[^/]+\/guest\/file$/,
  /^\/api\/vms\/[^/]+\/xml$/,
  /^\/api\/pools\/[^/]+\/volumes\/[^/]+\/content$/,
  /^\/api\/(tokens|users|audit)(\/.*)?$/,
  /^\/(audit|access)$/,
  /^\/agent\//,
];

/** The need of a request by method and path (decoded path segments are not needed). */
export function needOf(method: string, path: string): Need {
  if (
    (method === "GET" || method === "HEAD") && (path === "/login" || path.startsWith("/static/"))
  ) {
    return { kind: "public" };
  }
  if (method === "POST" && path === "/api/auth/login") return { kind: "public" };
  if (path === "/api/auth/me" || (method === "POST" && path === "/api/auth/logout")) {
    return { kind: "signed-in" };
  }
  if (SAFE.has(method)) {
    if (ADMIN_READS.some((re) => re.test(path))) return { kind: "admin" };
    // The console WebSockets also need a ticket for this user and VM (routes/api/vnc.ts,
    // routes/api/serial.ts).
    const console = /^\/api\/vms\/([^/]+)\/(vnc|serial)$/.exec(path);
    if (console) return { kind: "vm", vm: decodeURIComponent(console[1]) };
    return { kind: "read" };
  }
  if (method === "POST") {
    const action = /^\/api\/vms\/([^/]+)\/([^/]+)$/.exec(path);
    if (action && (POWER_ACTIONS.includes(action[2]) || action[2] === "console-ticket")) {
      return { kind: "vm", vm: decodeURIComponent(action[1]) };
    }
    // The batch route checks each VM itself (mayPower), as only it knows which.
    if (path === "/api/vms/batch") return { kind: "signed-in" };
  }
  return { kind: "admin" };
}

/** True when the identity may power and open the console of the VM with this UUID. */
export function mayPower(identity: Identity, uuid: string): boolean {
  if (identity.role === "admin") return true;
  return identity.role === "operator" && allowsVm(identity.vms, uuid);
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
