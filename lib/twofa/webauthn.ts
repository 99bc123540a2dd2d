// Security keys and passkeys (WebAuthn) through @simplewebauthn/server: the options a browser
// needs to register or use a key, and the checks of its answers. The relying party is the
// address the browser sees (its host name and origin), so a key works only there.

import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { StoredKey } from "./service.ts";

/** The relying party: the page's host name (the RP ID) and origin. */
export interface RelyingParty {
  id: string;
  origin: string;
}

/** The product's name as keys show it, the same in every language. */
const RP_NAME = "KVM Manager";

export const relyingPartyOf = (url: string): RelyingParty => {
  const u = new URL(url);
  return { id: u.hostname, origin: u.origin };
};

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const fromBase64url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

/**
 * @simplewebauthn/server with its certificate parsers is about a tenth of the server's code and
 * serves only accounts with security keys: it is loaded on the first use, not at start.
 */
const simpleWebAuthn = () => import("@simplewebauthn/server");

const refused = (cause?: unknown) =>
  new AppError("WRONG_CODE", t("The security key was not accepted"), undefined, { cause });

/** Options for registering a new key of `user` (its own keys excluded). */
export async function registrationOptions(
  rp: RelyingParty,
  user: string,
  keys: StoredKey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { generateRegistrationOptions } = await simpleWebAuthn();
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user,
    attestationType: "none",
    excludeCredentials: keys.map((k) => ({
      id: k.id,
      transports: k.transports as AuthenticatorTransport[],
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
}

/** The new key from a browser's registration answer; 400 WRONG_CODE when it does not check. */
export async function verifyRegistration(
  rp: RelyingParty,
  challenge: string,
  response: RegistrationResponseJSON,
): Promise<{ id: string; publicKey: string; counter: number; transports: string[] }> {
  const { verifyRegistrationResponse } = await simpleWebAuthn();
  let result;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch (err) {
    throw refused(err);
  }
  if (!result.verified || !result.registrationInfo) throw refused();
  const { credential } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: base64url(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? response.response.transports ?? [],
  };
}

/** Options for signing in with one of `keys`. */
export async function authenticationOptions(
  rp: RelyingParty,
  keys: StoredKey[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { generateAuthenticationOptions } = await simpleWebAuthn();
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: keys.map((k) => ({
      id: k.id,
      transports: k.transports as AuthenticatorTransport[],
    })),
    userVerification: "preferred",
  });
}

/** The key's new signature counter when the answer checks against `key`, else null. */
export async function verifyAuthentication(
  rp: RelyingParty,
  challenge: string,
  response: AuthenticationResponseJSON,
  key: StoredKey,
): Promise<number | null> {
  const { verifyAuthenticationResponse } = await simpleWebAuthn();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: key.id,
        publicKey: fromBase64url(key.publicKey),
        counter: key.counter,
        transports: key.transports as AuthenticatorTransport[],
      },
      requireUserVerification: false,
    });
    return result.verified ? result.authenticationInfo.newCounter : null;
  } catch {
    return null;
  }
}

export type { AuthenticationResponseJSON, RegistrationResponseJSON };
