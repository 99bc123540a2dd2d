// Sign-ins between their password and their second step: a random secret in a short-lived
// HttpOnly cookie, kept here in memory only (a restart asks for the password again). Such a
// state opens nothing but the second step's own routes.

import type { Role } from "../../shared/auth.ts";
import { hashSecret, randomSecret } from "../secrets.ts";

/** How long the second step may take after the password. */
export const PENDING_TTL_MS = 5 * 60_000;
const MAX_PENDING = 10_000;

/** No grant is kept: the session opens with the one the account has at the second step. */
export interface PendingSignIn {
  user: string;
  ip: string;
  at: number;
  /** The account must enrol a factor (its role requires one) before the session opens. */
  enrol: boolean;
  /** The WebAuthn challenge last handed to this sign-in, if any. */
  challenge?: string;
  /**
   * The role a realm's sign-in gave (an OpenID Connect provider tells it only while the user
   * signs in there), for the session the second step opens.
   */
  realmRole?: Role;
}

/**
 * Keeps the challenge of the WebAuthn options about to be handed to this sign-in (to sign in with
 * a key, or to enrol one), for the one answer that may come back; answers the options.
 */
export function handChallenge<T extends { challenge: string }>(
  entry: PendingSignIn,
  options: T,
): T {
  entry.challenge = options.challenge;
  return options;
}

/** Takes the challenge last handed out: one challenge, one try (a second answer needs new options). */
export function takeChallenge(entry: PendingSignIn): string | undefined {
  const challenge = entry.challenge;
  entry.challenge = undefined;
  return challenge;
}

export class PendingSignIns {
  #byHash = new Map<string, PendingSignIn>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps a sign-in that passed its password; the secret goes into the cookie only. */
  create(entry: Omit<PendingSignIn, "at">): string {
    const secret = randomSecret();
    this.#sweep();
    this.#byHash.set(hashSecret(secret), { ...entry, at: this.now() });
    return secret;
  }

  /** The live pending sign-in behind a cookie value, or null. */
  get(secret: string | undefined): PendingSignIn | null {
    if (!secret || secret.length > 100) return null;
    const hash = hashSecret(secret);
    const entry = this.#byHash.get(hash);
    if (!entry) return null;
    if (this.now() - entry.at > PENDING_TTL_MS) {
      this.#byHash.delete(hash);
      return null;
    }
    return entry;
  }

  end(secret: string): void {
    this.#byHash.delete(hashSecret(secret));
  }

  /** Ends every pending sign-in of an account (its factors were reset). */
  endUser(user: string): void {
    for (const [hash, entry] of this.#byHash) if (entry.user === user) this.#byHash.delete(hash);
  }

  #sweep() {
    const since = this.now() - PENDING_TTL_MS;
    for (const [hash, entry] of this.#byHash) if (entry.at < since) this.#byHash.delete(hash);
    // A flood of passwords right for one account cannot grow the map without bound.
    while (this.#byHash.size >= MAX_PENDING) {
      this.#byHash.delete(this.#byHash.keys().next().value!);
    }
  }
}
