// SHA-512 crypt ("$6$", Ulrich Drepper's SHA-crypt.txt), the hash a guest's /etc/shadow and
// cloud-init's `passwd` take. Written here because the npm libraries for it hash some passwords
// wrongly: unixcrypt 3.0.4 every password of 64, 128 … bytes, sha512-crypt-ts 0.1.27 every one
// with a letter outside ASCII (both compared with the host's crypt(3)). The test compares this
// one with the host's crypt(3) for every length the API takes.

import { createHash, type Hash } from "node:crypto";

/** crypt's base-64 alphabet (not RFC 4648's). */
const ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** The default rounds: a hash with them does not name them ("$6$salt$…"). */
const DEFAULT_ROUNDS = 5000;
/** The spec's least rounds; tests use them to compare many lengths quickly. */
export const MIN_ROUNDS = 1000;
export const SALT_LENGTH = 16;

/** `length` bytes of `block` repeated (the spec's P and S sequences). */
function repeatTo(block: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let at = 0; at < length; at += block.length) {
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
  }
  return out;
}

function digest(...parts: Uint8Array[]): Uint8Array {
  const hash: Hash = createHash("sha512");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** The 64 digest bytes in the spec's order, 3 at a time, as 86 characters. */
function encode(c: Uint8Array): string {
  let out = "";
  const put = (word: number, chars: number) => {
    for (let i = 0; i < chars; i++, word >>= 6) out += ALPHABET[word & 63];
  };
  for (let i = 0; i < 21; i++) {
    // Each group is bytes i, i+21 and i+42, turned one place further every step.
    const group = [c[i], c[i + 21], c[i + 42]];
    const [b2, b1, b0] = [0, 1, 2].map((k) => group[(k + i) % 3]);
    put((b2 << 16) | (b1 << 8) | b0, 4);
  }
  put(c[63], 2);
  return out;
}

/**
 * The SHA-512 crypt hash of `password` (its UTF-8 bytes) with `salt` (up to 16 characters), in
 * `rounds` (named in the hash unless the default).
 */
export function sha512Crypt(password: string, salt: string, rounds = DEFAULT_ROUNDS): string {
  if (!/^[./0-9A-Za-z]{0,16}$/.test(salt)) throw new Error("a crypt salt is 0–16 of ./0-9A-Za-z");
  if (!Number.isInteger(rounds) || rounds < MIN_ROUNDS || rounds > 1_000_000) {
    throw new Error("crypt rounds are 1,000 to 1,000,000");
  }
  const p = new TextEncoder().encode(password);
  const s = new TextEncoder().encode(salt);

  const b = digest(p, s, p);
  const a = createHash("sha512").update(p).update(s);
  a.update(repeatTo(b, p.length));
  for (let n = p.length; n > 0; n >>= 1) a.update(n & 1 ? b : p);
  const aDigest = a.digest();

  const pSeq = repeatTo(digest(...Array(p.length).fill(p)), p.length);
  const sSeq = repeatTo(digest(...Array(16 + aDigest[0]).fill(s)), s.length);

  let c: Uint8Array = aDigest;
  for (let i = 0; i < rounds; i++) {
    const round = createHash("sha512").update(i & 1 ? pSeq : c);
    if (i % 3) round.update(sSeq);
    if (i % 7) round.update(pSeq);
    c = round.update(i & 1 ? c : pSeq).digest();
  }
  const named = rounds === DEFAULT_ROUNDS ? "" : `rounds=${rounds}$`;
  return `$6$${named}${salt}$${encode(c)}`;
}

/** 16 salt characters, each of the 64 equally likely (a byte's low 6 bits). */
export function randomSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  return Array.from(bytes, (byte) => ALPHABET[byte & 63]).join("");
}
