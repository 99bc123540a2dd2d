// Each account's second factors in the app store: its TOTP seed (never answered after
// enrolment), security keys, recovery codes, and the roles an admin requires a second factor of.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import { type Role, ROLES } from "../../shared/auth.ts";
import type { SecurityKeyInfo, TwoFactorStatus } from "../../shared/twofa.ts";
import { t } from "../../shared/i18n/t.ts";
import { newRecoveryCodes, normalRecoveryCode, recoveryHash } from "./recovery.ts";

/**
 * The TOTP codes and their QR image (otpauth, uqr), loaded at the first enrolment or code check:
 * a server whose accounts use no authenticator app never holds them.
 */
const totpCodes = () => import("./totp.ts");

/** A stored security key, as WebAuthn checks need it. */
export interface StoredKey extends SecurityKeyInfo {
  user: string;
  publicKey: string;
  counter: number;
  transports: string[];
}

interface KeyRow {
  id: string;
  user: string;
  name: string;
  public_key: string;
  counter: number;
  transports: string;
  created_at: number;
  last_used_at: number | null;
}

const keyOf = (r: KeyRow): StoredKey => ({
  id: r.id,
  user: r.user,
  name: r.name,
  publicKey: r.public_key,
  counter: Number(r.counter),
  transports: JSON.parse(r.transports),
  createdAt: Number(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
});

/** `first`: the account enrols at sign-in, which only an account with no factor yet may do. */
interface AddOptions {
  first?: boolean;
}

export class TwoFactor {
  /**
   * `onAdded` is told of each factor confirmed or added (after its write), e.g. to end the
   * account's pending sign-ins, which were told what to verify with before it.
   */
  constructor(
    readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly onAdded: (user: string) => void = () => {},
  ) {}

  /** What `user` has enrolled (never a secret). */
  status(user: string, role: Role): TwoFactorStatus {
    const totp = this.#totp(user);
    return {
      totp: totp?.confirmed_at != null,
      keys: this.keys(user).map(({ id, name, createdAt, lastUsedAt }) => ({
        id,
        name,
        createdAt,
        lastUsedAt,
      })),
      recoveryLeft: this.recoveryLeft(user),
      required: this.isRequired(role),
    };
  }

  /** Whether `user` has a second factor to sign in with (a confirmed TOTP or a key). */
  enrolled(user: string): boolean {
    return this.#totp(user)?.confirmed_at != null || this.keys(user).length > 0;
  }

  /** What `user` can verify a sign-in with. */
  methods(user: string): ("totp" | "webauthn" | "recovery")[] {
    const methods: ("totp" | "webauthn" | "recovery")[] = [];
    if (this.#totp(user)?.confirmed_at != null) methods.push("totp");
    if (this.keys(user).length) methods.push("webauthn");
    if (this.recoveryLeft(user)) methods.push("recovery");
    return methods;
  }

  requiredRoles(): Role[] {
    const rows = this.store.db.prepare("SELECT role FROM twofa_roles").all() as { role: Role }[];
    return ROLES.filter((r) => rows.some((row) => row.role === r));
  }

  isRequired(role: Role): boolean {
    return !!this.store.db.prepare("SELECT 1 FROM twofa_roles WHERE role = ?").get(role);
  }

  /** Sets the roles whose accounts must sign in with a second factor (enrolling at the next). */
  setRequiredRoles(roles: Role[], by: string): Role[] {
    this.store.write(() => {
      this.store.db.prepare("DELETE FROM twofa_roles").run();
      const insert = this.store.db.prepare(
        "INSERT INTO twofa_roles (role, required_at, required_by) VALUES (?, ?, ?)",
      );
      for (const role of new Set(roles)) insert.run(role, this.now(), by);
    });
    return this.requiredRoles();
  }

  /**
   * Starts a TOTP enrolment: a new seed, kept unconfirmed until confirmTotp, answered this once.
   * 409 TWOFA_ENROLLED when the account has a confirmed one (remove it first).
   */
  async beginTotp(user: string): Promise<{ secret: string; uri: string; qrSvg: string }> {
    const seed = (await totpCodes()).newTotpSeed(user);
    this.store.write(() => {
      if (this.#totp(user)?.confirmed_at != null) {
        throw new AppError(
          "TWOFA_ENROLLED",
          t("An authenticator app is already set up; remove it first"),
        );
      }
      this.store.db.prepare(
        `INSERT INTO twofa_totp (user, secret, created_at) VALUES (?, ?, ?)
         ON CONFLICT (user) DO UPDATE SET secret = excluded.secret,
           created_at = excluded.created_at, confirmed_at = NULL, last_step = 0`,
      ).run(user, seed.secret, this.now());
    });
    return seed;
  }

  /**
   * Confirms an enrolment with a first code; 400 WRONG_CODE when it is not right, 409
   * NO_ENROLMENT when none was started, 409 TWOFA_ENROLLED with `first` when the account has a
   * security key. Answers new recovery codes when the account has none.
   */
  async confirmTotp(
    user: string,
    code: string,
    { first = false }: AddOptions = {},
  ): Promise<{ recoveryCodes: string[] | null }> {
    const { totpStep } = await totpCodes();
    const done = this.store.write(() => {
      if (first) this.#refuseEnrolled(user);
      const row = this.#totp(user);
      if (!row || row.confirmed_at != null) {
        throw new AppError("NO_ENROLMENT", t("Start setting up an authenticator app first"));
      }
      const step = totpStep(user, row.secret, code.trim(), this.now());
      if (step === null) throw wrongCode();
      this.store.db.prepare(
        "UPDATE twofa_totp SET confirmed_at = ?, last_step = ? WHERE user = ?",
      ).run(this.now(), step, user);
      return { recoveryCodes: this.recoveryLeft(user) ? null : this.newRecoveryCodes(user) };
    });
    this.onAdded(user);
    return done;
  }

  removeTotp(user: string): void {
    this.store.write(() => {
      this.store.db.prepare("DELETE FROM twofa_totp WHERE user = ?").run(user);
      this.#dropCodesWhenBare(user);
    });
  }

  /** Whether `code` is a right TOTP code of `user`'s confirmed seed not used before. */
  async checkTotp(user: string, code: string): Promise<boolean> {
    const { totpStep } = await totpCodes();
    return this.store.write(() => {
      const row = this.#totp(user);
      if (!row || row.confirmed_at == null) return false;
      const step = totpStep(user, row.secret, code.trim(), this.now());
      // A code seen once (or an older one) is not taken again: a watcher cannot replay it.
      if (step === null || step <= Number(row.last_step)) return false;
      this.store.db.prepare("UPDATE twofa_totp SET last_step = ? WHERE user = ?").run(step, user);
      return true;
    });
  }

  /** Ten new recovery codes, replacing any left; the answer is the only time they are seen. */
  newRecoveryCodes(user: string): string[] {
    const codes = newRecoveryCodes();
    this.store.write(() => {
      this.store.db.prepare("DELETE FROM twofa_recovery WHERE user = ?").run(user);
      const insert = this.store.db.prepare(
        "INSERT INTO twofa_recovery (user, code_hash, created_at) VALUES (?, ?, ?)",
      );
      for (const code of codes) insert.run(user, recoveryHash(user, code), this.now());
    });
    return codes;
  }

  recoveryLeft(user: string): number {
    const row = this.store.db.prepare(
      "SELECT count(*) AS n FROM twofa_recovery WHERE user = ? AND used_at IS NULL",
    ).get(user) as { n: number };
    return Number(row.n);
  }

  /** Uses up a recovery code of `user`: true once per code. */
  useRecoveryCode(user: string, typed: string): boolean {
    const code = normalRecoveryCode(typed);
    if (!code) return false;
    return this.store.write(() => {
      const result = this.store.db.prepare(
        `UPDATE twofa_recovery SET used_at = ?
         WHERE user = ? AND code_hash = ? AND used_at IS NULL`,
      ).run(this.now(), user, recoveryHash(user, code));
      return Number(result.changes) === 1;
    });
  }

  keys(user: string): StoredKey[] {
    const rows = this.store.db.prepare(
      "SELECT * FROM twofa_keys WHERE user = ? ORDER BY created_at",
    ).all(user) as unknown as KeyRow[];
    return rows.map(keyOf);
  }

  key(id: string): StoredKey | null {
    const row = this.store.db.prepare("SELECT * FROM twofa_keys WHERE id = ?").get(id) as
      | KeyRow
      | undefined;
    return row ? keyOf(row) : null;
  }

  /**
   * Keeps a registered key; answers new recovery codes when the account has none. 409
   * TWOFA_ENROLLED with `first` when the account has a factor already.
   */
  addKey(
    key: Omit<StoredKey, "createdAt" | "lastUsedAt">,
    { first = false }: AddOptions = {},
  ): { recoveryCodes: string[] | null } {
    const done = this.store.write(() => {
      if (first) this.#refuseEnrolled(key.user);
      this.store.db.prepare(
        `INSERT INTO twofa_keys (id, user, name, public_key, counter, transports, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        key.id,
        key.user,
        key.name,
        key.publicKey,
        key.counter,
        JSON.stringify(key.transports),
        this.now(),
      );
      return {
        recoveryCodes: this.recoveryLeft(key.user) ? null : this.newRecoveryCodes(key.user),
      };
    });
    this.onAdded(key.user);
    return done;
  }

  /** Records a key's use and its new signature counter. */
  touchKey(id: string, counter: number): void {
    this.store.write(() =>
      this.store.db.prepare("UPDATE twofa_keys SET counter = ?, last_used_at = ? WHERE id = ?")
        .run(counter, this.now(), id)
    );
  }

  /** Removes one of `user`'s keys; 404 KEY_NOT_FOUND when it has no such key. */
  removeKey(user: string, id: string): void {
    this.store.write(() => {
      const result = this.store.db.prepare("DELETE FROM twofa_keys WHERE user = ? AND id = ?")
        .run(user, id);
      if (Number(result.changes) !== 1) {
        throw new AppError("KEY_NOT_FOUND", t("No such security key"));
      }
      this.#dropCodesWhenBare(user);
    });
  }

  /** An admin's reset: every factor and code of `user` goes; the next sign-in is password only. */
  reset(user: string): void {
    this.store.write(() => {
      for (const table of ["twofa_totp", "twofa_keys", "twofa_recovery"]) {
        this.store.db.prepare(`DELETE FROM ${table} WHERE user = ?`).run(user);
      }
    });
  }

  /** Accounts with any factor, for the admin's list. */
  accounts(): string[] {
    const rows = this.store.db.prepare(
      `SELECT user FROM twofa_totp WHERE confirmed_at IS NOT NULL
       UNION SELECT user FROM twofa_keys ORDER BY user`,
    ).all() as { user: string }[];
    return rows.map((r) => r.user);
  }

  /** 409 TWOFA_ENROLLED when `user` has a factor: enrolment at sign-in is for a first one. */
  #refuseEnrolled(user: string) {
    if (this.enrolled(user)) throw enrolledAlready();
  }

  // Recovery codes stand in for a factor: with none left, they would be a password of their own.
  #dropCodesWhenBare(user: string) {
    if (!this.enrolled(user)) {
      this.store.db.prepare("DELETE FROM twofa_recovery WHERE user = ?").run(user);
    }
  }

  #totp(user: string) {
    return this.store.db.prepare("SELECT * FROM twofa_totp WHERE user = ?").get(user) as
      | { secret: string; confirmed_at: number | null; last_step: number }
      | undefined;
  }
}

export const wrongCode = () => new AppError("WRONG_CODE", t("The code is not right"));

/** A sign-in that was to enrol a first factor, when the account has one by now. */
export const enrolledAlready = () =>
  new AppError(
    "TWOFA_ENROLLED",
    t("This account has a second factor by now: sign in again and verify with it"),
  );
