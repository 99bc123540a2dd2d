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
  token?: {
    id: string;
    name: string;
    /**
     * The secret used is the one before the token's last rotation, accepted only for its grace
     * period: it may use the API but not make, rotate or revoke tokens.
     */
    oldSecret?: true;
  };
  /**
   * For `via: "token"`: the role the token was made with; `role` is the lower of it and its
   * owner's current role (lib/auth/effective.ts).
   */
  tokenRole?: Role;
}

/** Who may sign in and how long a session lasts: Config.auth (lib/config.ts). */
export interface AuthConfig {
  /** The PAM service passwords are checked with (/etc/pam.d/NAME; Debian falls back to "other"). */
  pamService: string;
  /** Host groups whose members sign in as admin; root is always admin. */
  adminGroups: string[];
  operatorGroups: string[];
  viewerGroups: string[];
  /** A session ends after this long without a request. */
  sessionIdleMinutes: number;
  /**
   * Reverse proxies (IP addresses) whose X-Forwarded-For is believed; without one the TCP
   * peer is the client, for the sign-in limits and the audit log.
   */
  trustedProxies?: string[];
}
export type AuthSettings = AuthConfig;

/** An account's role given on the access page. */
export interface Assignment {
  user: string;
  role: Role;
  vms: "*" | string[];
  updatedAt: string;
  updatedBy: string;
}

/** An API token as listed (never its secret). */
export interface ApiTokenInfo {
  id: string;
  name: string;
  owner: string;
  /** The role it was made with. */
  role: Role;
  /**
   * In the token list: the role it acts with now, the lower of `role` and its owner's current
   * one; null when the owner may no longer sign in (the token is refused).
   */
  effectiveRole?: Role | null;
  vms: "*" | string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** When it stops working by itself; null: never. */
  expiresAt: string | null;
  /**
   * Until when the secret it had before its last rotation is still accepted; null when no old
   * secret is (never rotated, rotated without a grace period, or the grace period is over).
   */
  oldSecretUntil: string | null;
}
