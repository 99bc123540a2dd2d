// The second step of a sign-in: after a right password, a TOTP code, a recovery code or a
// security key opens the session, through the same limiter as passwords (its slots, its
// buckets); an account whose role requires a factor it lacks enrols one here first. The session
// opens with the grant the account has then, not the one it had at the password.

import { AppError } from "../errors.ts";
import type { LoginLimiter } from "./login_limiter.ts";
import type { Sessions } from "./sessions.ts";
import type { SignedIn } from "./signed_in.ts";
import type { Grant } from "./access.ts";
import { t } from "../../shared/i18n/t.ts";
import {
  handChallenge,
  type PendingSignIn,
  type PendingSignIns,
  takeChallenge,
} from "../twofa/pending.ts";
import { enrolledAlready, type TwoFactor, wrongCode } from "../twofa/service.ts";
import {
  authenticationOptions,
  type AuthenticationResponseJSON,
  registrationOptions,
  type RegistrationResponseJSON,
  type RelyingParty,
  verifyAuthentication,
  verifyRegistration,
} from "../twofa/webauthn.ts";

/** A wrong second-step code is answered no sooner than this after it came. */
export const SECOND_STEP_DELAY_MS = 1000;

/** What proves the second step: a code (TOTP or recovery) or a security key's answer. */
export type Proof = { code: string } | { webauthn: AuthenticationResponseJSON };

export class SecondFactorSignIn {
  readonly #twofa: TwoFactor;
  readonly #pending: PendingSignIns;
  readonly #limiter: LoginLimiter;
  readonly #sessions: Sessions;
  readonly #delayMs: number;
  readonly #now: () => number;
  readonly #grantOf: (entry: PendingSignIn) => Promise<Grant | null>;

  /**
   * `grantOf`: the grant of the pending sign-in's account now (host groups, a realm, an
   * assignment); null when it may not sign in.
   */
  constructor({ twofa, pending, limiter, sessions, delayMs, now, grantOf }: {
    twofa: TwoFactor;
    pending: PendingSignIns;
    limiter: LoginLimiter;
    sessions: Sessions;
    delayMs: number;
    now: () => number;
    grantOf: (entry: PendingSignIn) => Promise<Grant | null>;
  }) {
    this.#twofa = twofa;
    this.#pending = pending;
    this.#limiter = limiter;
    this.#sessions = sessions;
    this.#delayMs = delayMs;
    this.#now = now;
    this.#grantOf = grantOf;
  }

  /**
   * The pending sign-in behind the cookie; 401 UNAUTHENTICATED when there is none (any more),
   * 409 TWOFA_ENROLLED (and it ends) when it was to enrol but the account has a factor by now.
   */
  pendingOf(secret: string | undefined, enrol = false): PendingSignIn {
    const entry = this.#pending.get(secret);
    if (!entry) {
      throw new AppError(
        "UNAUTHENTICATED",
        t("The sign-in has expired; enter your user name and password again"),
      );
    }
    if (entry.enrol !== enrol) {
      throw new AppError(
        "INVALID_STATE",
        enrol
          ? t("This account already has a second factor: verify with it")
          : t("Set up a second factor first"),
      );
    }
    // Enrolment is for a first factor: after the owner's, it would add a stranger's.
    if (enrol && this.#twofa.enrolled(entry.user)) {
      this.#pending.end(secret!);
      throw enrolledAlready();
    }
    return entry;
  }

  /** Options for signing in with one of the account's security keys. */
  async keyOptions(secret: string | undefined, rp: RelyingParty) {
    const entry = this.pendingOf(secret);
    const keys = this.#twofa.keys(entry.user);
    if (!keys.length) throw new AppError("KEY_NOT_FOUND", t("This account has no security key"));
    return handChallenge(entry, await authenticationOptions(rp, keys));
  }

  /**
   * Checks the proof and opens the session. 429 TOO_MANY_ATTEMPTS from the sign-in limiter
   * (the password's buckets), 400 WRONG_CODE after SECOND_STEP_DELAY_MS for a wrong proof.
   */
  async verify(
    secret: string | undefined,
    proof: Proof,
    ip: string,
    rp: RelyingParty,
  ): Promise<SignedIn & { method: "totp" | "recovery" | "webauthn" }> {
    const entry = this.pendingOf(secret);
    const started = this.#now();
    const attempt = this.#limiter.begin(ip, entry.user);
    let method: "totp" | "recovery" | "webauthn" | null = null;
    try {
      await attempt.turn();
      attempt.pamDone();
      if ("code" in proof) {
        const code = proof.code.trim();
        if (await this.#twofa.checkTotp(entry.user, code)) method = "totp";
        else if (this.#twofa.useRecoveryCode(entry.user, code)) method = "recovery";
      } else {
        const challenge = takeChallenge(entry);
        const key = challenge ? this.#twofa.key(proof.webauthn.id) : null;
        if (challenge && key && key.user === entry.user) {
          const counter = await verifyAuthentication(rp, challenge, proof.webauthn, key);
          if (counter !== null) {
            this.#twofa.touchKey(key.id, counter);
            method = "webauthn";
          }
        }
      }
    } catch (err) {
      attempt.finish(false);
      throw err;
    }
    if (!method) {
      const wait = started + this.#delayMs - this.#now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      attempt.finish(false);
      throw "code" in proof ? wrongCode() : new AppError(
        "WRONG_CODE",
        t("The security key was not accepted"),
      );
    }
    attempt.finish(true);
    const grant = await this.#currentGrant(secret!, entry);
    return { ...this.#open(secret!, entry, grant), method };
  }

  /** Enrolment at sign-in (the role requires a factor): a new TOTP seed for the account. */
  beginTotp(secret: string | undefined) {
    return this.#twofa.beginTotp(this.pendingOf(secret, true).user);
  }

  /** Confirms the enrolment's first code and opens the session, with the recovery codes. */
  async confirmTotp(secret: string | undefined, code: string) {
    const entry = this.pendingOf(secret, true);
    const grant = await this.#currentGrant(secret!, entry);
    const { recoveryCodes } = await this.#twofa.confirmTotp(entry.user, code, { first: true });
    return { signedIn: this.#open(secret!, entry, grant), recoveryCodes };
  }

  /** Enrolment at sign-in with a security key: the registration options. */
  async keyRegistration(secret: string | undefined, rp: RelyingParty) {
    const entry = this.pendingOf(secret, true);
    return handChallenge(
      entry,
      await registrationOptions(rp, entry.user, this.#twofa.keys(entry.user)),
    );
  }

  /** Keeps the key registered at sign-in and opens the session, with the recovery codes. */
  async registerKey(
    secret: string | undefined,
    name: string,
    response: RegistrationResponseJSON,
    rp: RelyingParty,
  ) {
    const entry = this.pendingOf(secret, true);
    const challenge = takeChallenge(entry);
    if (!challenge) throw new AppError("INVALID_STATE", t("Ask the security key again"));
    const key = await verifyRegistration(rp, challenge, response);
    const grant = await this.#currentGrant(secret!, entry);
    const { recoveryCodes } = this.#twofa.addKey({ ...key, user: entry.user, name }, {
      first: true,
    });
    return { signedIn: this.#open(secret!, entry, grant), recoveryCodes };
  }

  /**
   * The account's grant as it is now: a role changed since the password step applies to the
   * session. 401 ACCOUNT_UNAVAILABLE (and the pending sign-in ends) when it may not sign in.
   */
  async #currentGrant(secret: string, entry: PendingSignIn): Promise<Grant> {
    const grant = await this.#grantOf(entry);
    if (!grant) {
      this.#pending.end(secret);
      throw new AppError("ACCOUNT_UNAVAILABLE", t("This account may not sign in"));
    }
    return grant;
  }

  #open(secret: string, entry: PendingSignIn, grant: Grant): SignedIn {
    this.#pending.end(secret);
    const { user, ip } = entry;
    const session = this.#sessions.create(user, grant.role, grant.vms, ip);
    return {
      ...session,
      grant,
      identity: { user, role: grant.role, vms: grant.vms, via: "session" },
    };
  }
}
