// Two-factor sign-in as the API answers it: an account's factors (never a secret) and what a
// sign-in's second step asks for. Browser-safe.

import type { Role } from "./auth.ts";

export interface SecurityKeyInfo {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** `GET /api/me/two-factor`: what the signed-in account has enrolled. */
export interface TwoFactorStatus {
  totp: boolean;
  keys: SecurityKeyInfo[];
  /** Unused recovery codes. */
  recoveryLeft: number;
  /** The account's role requires a second factor. */
  required: boolean;
}

/**
 * The answer of a right password when a second step follows: `verify` (a code or a key) or
 * `enrol` (the role requires a factor the account does not have yet).
 */
export interface SecondStep {
  secondFactor: "verify" | "enrol";
  user: string;
  /** What the account can verify with. */
  methods: ("totp" | "webauthn" | "recovery")[];
}

/** `GET /api/two-factor-policy` (admins): the required roles and the accounts with a factor. */
export interface TwoFactorPolicy {
  requiredRoles: Role[];
  accounts: { user: string; totp: boolean; keys: number; recoveryLeft: number }[];
}
