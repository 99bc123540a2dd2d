// Browser calls of two-factor sign-in: the account's own factors (/api/me/two-factor), the
// sign-in's second step (/api/auth/second-factor), the admins' policy (/api/two-factor-policy).
// Keys go through the browser's WebAuthn (bundled @simplewebauthn/browser); failures are
// ApiRequestError in the API's words.

import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { SecondStep, TwoFactorPolicy, TwoFactorStatus } from "../../shared/twofa.ts";
import type { Role } from "../../shared/auth.ts";
import { request } from "../../components/client/api.ts";
import {
  myTwoFactorKeyPath,
  myTwoFactorPath,
  secondFactorPath,
  twoFactorAccountPath,
  twoFactorPolicyPath,
} from "../../shared/api_paths.ts";

export type { SecondStep, TwoFactorPolicy, TwoFactorStatus };

export interface TotpSeed {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** What a completed sign-in answers; `recoveryCodes` after an enrolment at sign-in. */
export interface SignedIn {
  user: string;
  recoveryCodes?: string[] | null;
}

export const myTwoFactor = () => request<TwoFactorStatus>("GET", myTwoFactorPath());
export const beginTotp = () => request<TotpSeed>("POST", myTwoFactorPath("totp"));
export const confirmTotp = (code: string) =>
  request<{ recoveryCodes: string[] | null }>("POST", myTwoFactorPath("totp-confirm"), { code });
export const removeTotp = () => request<TwoFactorStatus>("DELETE", myTwoFactorPath("totp"));
export const renewRecoveryCodes = () =>
  request<{ recoveryCodes: string[] }>("POST", myTwoFactorPath("recovery"));
export const removeKey = (id: string) => request<TwoFactorStatus>("DELETE", myTwoFactorKeyPath(id));

/**
 * A new key's answer to the server's registration options read from `optionsPath`, from the
 * browser's WebAuthn (it asks the user to touch the key).
 */
async function registration(optionsPath: string) {
  const optionsJSON = await request<Parameters<typeof startRegistration>[0]["optionsJSON"]>(
    "POST",
    optionsPath,
  );
  return startRegistration({ optionsJSON });
}

/** Registers a security key on the account. */
export async function addKey(name: string) {
  const response = await registration(myTwoFactorPath("key-options"));
  return request<{ recoveryCodes: string[] | null }>("POST", myTwoFactorPath("keys"), {
    name,
    response,
  });
}

export const verifyCode = (code: string) =>
  request<SignedIn>("POST", secondFactorPath("verify"), { code });

/** Signs in with a security key: the server's challenge, the key's answer, the session. */
export async function verifyKey() {
  const optionsJSON = await request<Parameters<typeof startAuthentication>[0]["optionsJSON"]>(
    "POST",
    secondFactorPath("key-options"),
  );
  const response = await startAuthentication({ optionsJSON });
  return request<SignedIn>("POST", secondFactorPath("key"), { response });
}

export const enrolTotp = () => request<TotpSeed>("POST", secondFactorPath("enrol-totp"));
export const enrolTotpConfirm = (code: string) =>
  request<SignedIn>("POST", secondFactorPath("enrol-totp-confirm"), { code });

/** Enrolment at sign-in with a security key: registers it and opens the session. */
export async function enrolKey() {
  const response = await registration(secondFactorPath("enrol-key-options"));
  return request<SignedIn>("POST", secondFactorPath("enrol-key"), { response });
}

export const twoFactorPolicy = () => request<TwoFactorPolicy>("GET", twoFactorPolicyPath());
export const requireRoles = (roles: Role[]) =>
  request<TwoFactorPolicy>("PUT", twoFactorPolicyPath("roles"), { roles });
export const resetAccount = (user: string) =>
  request<TwoFactorPolicy>("DELETE", twoFactorAccountPath(user));
