// Browser calls of the access API: API tokens (/api/tokens) and roles assigned to host accounts
// (/api/users). Admins only; failures are ApiRequestError in the API's words.

import type { ApiTokenInfo, Assignment } from "../../shared/auth.ts";
import type { Role } from "../../shared/auth.ts";
import {
  tokenPath,
  tokenRotatePath,
  tokensPath,
  userPath,
  usersPath,
} from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export type { ApiTokenInfo, Assignment };

/** Which VMs a token or an operator may power and open: "*" for all, else UUIDs. */
export type VmScope = "*" | string[];

export interface AccountAssignment extends Assignment {
  /** Live sessions of the account. */
  sessions: number;
}

export interface UsersAnswer {
  assignments: AccountAssignment[];
  /** Live sessions by account name, assigned or not. */
  sessions: Record<string, number>;
  /** The host groups that give each role (the server's auth settings). */
  groups: Record<Role, string[]>;
}

export const listTokens = () =>
  request<{ tokens: ApiTokenInfo[] }>("GET", tokensPath()).then((r) => r.tokens);

/** A token with its secret: the only answer that holds it. */
export interface TokenWithSecret {
  token: ApiTokenInfo;
  secret: string;
}

/** The answer holds the secret: the only time it can be read. `expiresInDays` null: never. */
export const createToken = (
  input: { name: string; role: Role; vms: VmScope; expiresInDays: number | null },
) => request<TokenWithSecret>("POST", tokensPath(), input);

/** A new secret, answered this once; the old one works `graceSeconds` longer. */
export const rotateToken = (id: string, graceSeconds: number) =>
  request<TokenWithSecret>("POST", tokenRotatePath(id), { graceSeconds });

export const revokeToken = (id: string) =>
  request<{ token: ApiTokenInfo }>("DELETE", tokenPath(id)).then((r) => r.token);

export const listUsers = () => request<UsersAnswer>("GET", usersPath());

export const assignRole = (user: string, role: Role, vms: VmScope) =>
  request<Assignment>("PUT", userPath(user), { role, vms });

export const removeAssignment = (user: string) => request<{ ok: true }>("DELETE", userPath(user));
