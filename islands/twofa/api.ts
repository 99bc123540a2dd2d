// Browser calls of two-factor sign-in: the account's own factors (/api/me/two-factor), the sign-in's
// second step (/api/auth/second-factor), the admins' policy (/api/two-factor-policy). Keys go through the browser's
// WebAuthn (bundled @simplewebauthn/browser); failures are ApiRequestError in the API's words.

import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { SecondStep, TwoFactorPolicy, TwoFactorStatus } from "../../shared/twofa.ts";
import type { Role } from "../../shared/auth.ts";
import { request } from "../client/api.ts";

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

const ME = "/api/me/two-factor";
const STEP = "/api/auth/second-factor";

export const myTwoFactor = () => request<TwoFactorStatus>("GET", ME);
export const beginTotp = () => request<TotpSeed>("POST", `${ME}/totp`);
export const confirmTotp = (code: string) =>
  request<{ recoveryCodes: string[] | null }>("POST", `${ME}/totp-confirm`, { code });
export const removeTotp = () => request<TwoFactorStatus>("DELETE", `${ME}/totp`);
export const renewRecoveryCodes = () =>
  request<{ recoveryCodes: string[] }>("POST", `${ME}/recovery`);
export const removeKey = (id: string) =>
  request<TwoFactorStatus>("DELETE", `${ME}/keys/${encodeURIComponent(id)}`);

/** Registers a security key with the browser's WebAuthn (it asks the user to touch the key). */
export async function addKey(name: string) {
  const optionsJSON = await request<Parameters<typeof startRegistration>[0]["optionsJSON"]>(
    "POST",
    `${ME}/key-options`,
  );
  const response = await startRegistration({ optionsJSON });
  return request<{ recoveryCodes: string[] | null }>("POST", `${ME}/keys`, { name, response });
}

export const verifyCode = (code: string) => request<SignedIn>("POST", `${STEP}/verify`, { code });

/** Signs in with a security key: the server's challenge, the key's answer, the session. */
export async function verifyKey() {
  const optionsJSON = await request<Parameters<typeof startAuthentication>[0]["optionsJSON"]>(
    "POST",
    `${STEP}/key-options`,
  );
  const response = await startAuthentication({ optionsJSON });
  return request<SignedIn>("POST", `${STEP}/key`, { response });
}

export const enrolTotp = () => request<TotpSeed>("POST", `${STEP}/enrol-totp`);
export const enrolTotpConfirm = (code: string) =>
  request<SignedIn>("POST", `${STEP}/enrol-totp-confirm`, { code });

/** Enrolment at sign-in with a security key: registers it and opens the session. */
export async function enrolKey() {
  const optionsJSON = await request<Parameters<typeof startRegistration>[0]["optionsJSON"]>(
    "POST",
    `${STEP}/enrol-key-options`,
  );
  const response = await startRegistration({ optionsJSON });
  return request<SignedIn>("POST", `${STEP}/enrol-key`, { response });
}

export const twoFactorPolicy = () => request<TwoFactorPolicy>("GET", "/api/two-factor-policy");
export const requireRoles = (roles: Role[]) =>
  request<TwoFactorPolicy>("PUT", "/api/two-factor-policy/roles", { roles });
export const resetAccount = (user: string) =>
  request<TwoFactorPolicy>("DELETE", `/api/two-factor-policy/accounts/${encodeURIComponent(user)}`);
