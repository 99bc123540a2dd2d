// Random secrets and the one-way hashes we store instead of them.

// SHA-256 from @noble/hashes (audited, no dependencies) rather than node:crypto: this runs
// synchronously on every token and session check, and node:crypto alone pulled Node's compat
// layers into the server's heap at start (about 1 MiB); WebCrypto's digest is async only.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** `bytes` random bytes as base64url (32 bytes: 256 bits, 43 characters). */
export function randomSecret(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buf)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/** SHA-256 hex of a secret: what the database keeps. */
export function hashSecret(secret: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(secret)));
}

/** Compares two strings without leaking where they differ through timing. */
export function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  if (x.length !== y.length) return false;
  // Every byte is looked at whatever the first difference: no early exit to time.
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}
