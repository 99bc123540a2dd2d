// Recovery codes: ten one-time codes made at enrolment (or anew on request), shown once, kept
// only as a SHA-256 of the account and the code.

import { hashSecret } from "../secrets.ts";

export const RECOVERY_CODES = 10;
// Crockford-like base32 without look-alikes (no 0/O, 1/I/L): codes are typed from paper.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** One code: ten characters (about 50 bits) as "XXXXX-XXXXX". */
function newCode(): string {
  const chars: string[] = [];
  while (chars.length < 10) {
    const [byte] = crypto.getRandomValues(new Uint8Array(1));
    // 248 = 8 × 31: bytes above it would favour the first letters.
    if (byte < 248) chars.push(ALPHABET[byte % ALPHABET.length]);
  }
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, newCode);
}

/** A code as typed (any case, spaces or dashes anywhere) in its stored form, or null. */
export function normalRecoveryCode(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s-]/g, "");
  if (bare.length !== 10 || [...bare].some((c) => !ALPHABET.includes(c))) return null;
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}

/** What the store keeps of `code` (normalized) for `user`. */
export const recoveryHash = (user: string, code: string) => hashSecret(`${user}\n${code}`);
