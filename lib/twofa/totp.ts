// TOTP (RFC 6238) through otpauth: a new seed with its otpauth:// address and QR code, and the
// check of a code (30 s steps, six digits, SHA-1: what every authenticator app reads).

import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";

/** Seconds per code. */
export const TOTP_PERIOD = 30;
/** Steps either side of now a code is taken for (clock drift between phone and server). */
export const TOTP_WINDOW = 1;

/** The issuer shown in authenticator apps; a product name, the same in every language. */
const ISSUER = "KVM Manager";

function totpOf(user: string, secret: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: user,
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD,
  });
}

/** A new 160-bit seed (base32), its otpauth:// address and that address as an SVG QR code. */
export function newTotpSeed(user: string): { secret: string; uri: string; qrSvg: string } {
  const secret = new Secret({ size: 20 }).base32;
  const uri = totpOf(user, secret).toString();
  return { secret, uri, qrSvg: renderSVG(uri, { border: 2 }) };
}

/**
 * The step (30 s counter) `code` is right for within TOTP_WINDOW of `now`, or null. A code is
 * six digits; anything else is wrong without being looked at.
 */
export function totpStep(user: string, secret: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(user, secret).validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD) + delta;
}
