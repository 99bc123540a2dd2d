// Who is making a request and what they may do: the shapes the auth middleware, the routes and
// the audit log share.

export const ROLES = ["admin", "operator", "viewer"] as const;
/** admin: everything; operator: read, plus power and console on allowed VMs; viewer: read. */
export type Role = typeof ROLES[number];

/** The signed-in account (or API token) behind a request. */
export interface Identity {
  /** Host account name; for an API token, the account that made it. */
  user: string;
  role: Role;
  /** VM UUIDs an operator may power and open a console on; "*" means all. Admins have "*". */
  vms: "*" | string[];
  via: "session" | "token";
  /** For `via: "token"`: which token. */
  token?: { id: string; name: string };
  /**
   * For `via: "token"`: the role the token was made with; `role` is the lower of it and its
   * owner's current role (lib/auth/effective.ts).
   */
  tokenRole?: Role;
}

/** Who may sign in and how long a session lasts: Config.auth (lib/config.ts). */
export type { AuthConfig as AuthSettings } from "../config.ts";
