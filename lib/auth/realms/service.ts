// Sign-in realms: directories whose users sign in as `name@realm` beside the host's PAM accounts,
// their role given by the directory groups the realm's role map names. Kept in the app store
// (records.ts), asked through ldap.ts; an admin edits them (routes/api/realms.ts) and previews who
// would get which role before saving.

import { AppError } from "../../errors.ts";
import type { Store } from "../../store.ts";
import { t } from "../../../shared/i18n/t.ts";
import { type Role, ROLES } from "../../../shared/auth.ts";
import {
  PAM_REALM,
  type Realm,
  type RealmChoice,
  type RealmPreview,
  type RoleMapping,
} from "../../../shared/realms.ts";
import { checkRealmName, type RealmInput } from "./input.ts";
import { RealmRecords, type RealmWithSecret, secretFor, withoutSecret } from "./records.ts";
import { DirectoryError, ldapMembers, ldapSignIn, ldapUser } from "./ldap.ts";
import { MAX_USER_NAME } from "../input.ts";

/** The highest role `groups` (directory group names) get from `roleMap`; null: none. */
export function roleFromGroups(groups: string[], roleMap: RoleMapping[]): Role | null {
  const held = new Set(groups.map((g) => g.toLowerCase()));
  const roles = roleMap.filter((m) => held.has(m.group.toLowerCase())).map((m) => m.role);
  return ROLES.find((role) => roles.includes(role)) ?? null;
}

/** How a realm sign-in ended. */
export type RealmSignIn =
  | { ok: true; user: string; role: Role; providerSecondFactor: boolean }
  | {
    ok: false;
    /** bad-credentials is answered as a wrong password; no-role is told. */
    refusal: "bad-credentials" | "no-role";
    /** The true reason, for the audit log. */
    reason: string;
    detail: string;
  };

/** A directory's failure as the API answers it. */
function apiError(err: unknown): unknown {
  if (!(err instanceof DirectoryError)) return err;
  const code = err.failure === "unreachable"
    ? "DIRECTORY_UNREACHABLE"
    : err.failure === "tls"
    ? "DIRECTORY_TLS_FAILED"
    : "DIRECTORY_ERROR";
  return new AppError(code, err.message);
}

export class Realms {
  readonly records: RealmRecords;

  constructor(store: Store, now = Date.now) {
    this.records = new RealmRecords(store, now);
  }

  list(): Realm[] {
    return this.records.list().map(withoutSecret);
  }

  /** What the sign-in page offers beside the host's accounts. */
  choices(): RealmChoice[] {
    return this.records.list().map(({ name, label }) => ({ name, label }));
  }

  /** Whether `name` is a stored realm's. */
  has(name: string): boolean {
    return this.records.get(name) !== null;
  }

  /** 404 REALM_NOT_FOUND when there is none. */
  #get(name: string): RealmWithSecret {
    const realm = this.records.get(name);
    if (!realm) {
      throw new AppError("REALM_NOT_FOUND", t("No realm is named {{name}}", { name }));
    }
    return realm;
  }

  get(name: string): Realm {
    return withoutSecret(this.#get(name));
  }

  put(name: string, input: RealmInput, by: string): Realm {
    return withoutSecret(this.records.put(checkRealmName(name), input, by));
  }

  /** Removes the realm; its users' sessions end with it (AuthService.deleteRealm). */
  delete(name: string): void {
    if (!this.records.delete(name)) this.#get(name);
  }

  /**
   * Who the role map lets in, read from the directory now: the saved realm's, or `input`'s when
   * given (a realm not saved yet, or an edit), with the bind password it would keep.
   */
  async preview(name: string, input?: RealmInput): Promise<RealmPreview> {
    const saved = this.records.get(name);
    if (!input && !saved) this.#get(name);
    const config = input?.config ?? saved!.config;
    const secret = input ? secretFor(input, saved) : saved!.secret;
    try {
      const { users, truncated } = await ldapMembers(config, secret);
      return {
        users: users.map((u) => ({
          user: `${u.name}@${name}`,
          groups: u.groups,
          role: roleFromGroups(u.groups, config.roleMap),
        })).sort((a, b) => a.user < b.user ? -1 : a.user > b.user ? 1 : 0),
        truncated,
      };
    } catch (err) {
      throw apiError(err);
    }
  }

  /**
   * Checks `name`'s password with realm `realmName`'s directory. Throws 400 INVALID_REALM for no
   * such realm, and the directory's failure (DIRECTORY_UNREACHABLE, DIRECTORY_TLS_FAILED,
   * DIRECTORY_ERROR) in one sentence.
   */
  async signIn(realmName: string, name: string, password: string): Promise<RealmSignIn> {
    const realm = this.records.get(realmName);
    if (!realm || realmName === PAM_REALM) {
      throw new AppError("INVALID_REALM", t("No realm is named {{name}}", { name: realmName }));
    }
    let outcome;
    try {
      outcome = await ldapSignIn(realm.config, realm.secret, name, password);
    } catch (err) {
      throw apiError(err);
    }
    if (!outcome.ok) {
      return {
        ok: false,
        refusal: "bad-credentials",
        reason: outcome.reason === "bad-password" ? "BAD_CREDENTIALS" : "NO_ACCOUNT",
        detail: outcome.reason === "ambiguous"
          ? t("More than one directory entry answers to {{name}} in realm {{realm}}", {
            name,
            realm: realmName,
          })
          : outcome.reason === "no-such-user"
          ? t("Realm {{realm}}'s directory knows no such account", { realm: realmName })
          : t("Wrong user name or password"),
      };
    }
    const user = `${outcome.user.name}@${realmName}`;
    if (outcome.user.name.length > MAX_USER_NAME) {
      throw new AppError(
        "DIRECTORY_ERROR",
        t("The directory's name for this account is longer than {{max}} characters", {
          max: MAX_USER_NAME,
        }),
      );
    }
    const role = roleFromGroups(outcome.user.groups, realm.config.roleMap);
    if (!role) {
      return {
        ok: false,
        refusal: "no-role",
        reason: "NO_ROLE",
        detail: t("Account {{user}} is in no group that realm {{realm}} gives a role", {
          user,
          realm: realmName,
        }),
      };
    }
    return { ok: true, user, role, providerSecondFactor: realm.config.providerSecondFactor };
  }

  /** `user` as `{name, realm}` when it names a stored realm after its last @; else null. */
  realmUser(user: string): { name: string; realm: RealmWithSecret } | null {
    const at = user.lastIndexOf("@");
    if (at <= 0) return null;
    const realm = this.records.get(user.slice(at + 1));
    return realm ? { name: user.slice(0, at), realm } : null;
  }

  /**
   * A realm user's role as the directory gives it now (a token's owner): null when the realm or
   * the user is gone, or no group maps; throws the directory's failure.
   */
  async roleOf(user: string): Promise<Role | null> {
    const found = this.realmUser(user);
    if (!found) return null;
    const { name, realm } = found;
    const entry = await ldapUser(realm.config, realm.secret, name).catch((err) => {
      throw apiError(err);
    });
    // Keyed by the directory's spelling: another spelling is another account.
    if (!entry || entry.name !== name) return null;
    return roleFromGroups(entry.groups, realm.config.roleMap);
  }
}
