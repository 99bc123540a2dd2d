// Sign-in realms: directories whose users sign in as `name@realm` beside the host's PAM accounts,
// their role given by the directory groups the realm's role map names. Kept in the app store
// (records.ts), asked through ldap.ts; an admin edits them (routes/api/realms.ts) and previews who
// would get which role before saving.

import { AppError } from "../../errors.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
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
import { oidcAuthorization, oidcFinish, oidcLogoutUrl } from "./oidc.ts";
import { type OidcFlow, OidcFlows } from "./oidc_flows.ts";
import { MAX_USER_NAME } from "../input.ts";

/** The highest role `groups` (directory group names) get from `roleMap`; null: none. */
export function roleFromGroups(groups: string[], roleMap: RoleMapping[]): Role | null {
  // A to Z only, as LDAP compares names: full Unicode folding takes the Kelvin sign for a "k".
  const fold = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const held = new Set(groups.map(fold));
  const roles = roleMap.filter((m) => held.has(fold(m.group))).map((m) => m.role);
  return ROLES.find((role) => roles.includes(role)) ?? null;
}

/** How a realm sign-in ended. */
export type RealmSignIn =
  | { ok: true; user: string; role: Role; providerSecondFactor: boolean }
  | {
    ok: false;
    /** Who it was, when the password or the provider said so. */
    user?: string;
    /** bad-credentials is answered as a wrong password; no-role is told. */
    refusal: "bad-credentials" | "no-role";
    /** The true reason, for the audit log. */
    reason: string;
    detail: string;
  };

/** A directory's or provider's failure as the API answers it. */
function apiError(err: unknown, kind: "ldap" | "oidc" = "ldap"): unknown {
  if (!(err instanceof DirectoryError)) return err;
  const codes = kind === "ldap"
    ? {
      unreachable: "DIRECTORY_UNREACHABLE",
      tls: "DIRECTORY_TLS_FAILED",
      error: "DIRECTORY_ERROR",
    }
    : { unreachable: "PROVIDER_UNREACHABLE", tls: "PROVIDER_TLS_FAILED", error: "PROVIDER_ERROR" };
  return new AppError(codes[err.failure] as ErrorCode, err.message);
}

/** What names a realm as saved: a change of it since a sign-in began refuses that sign-in. */
const keyOf = (realm: RealmWithSecret) => `${realm.name}\n${realm.updatedAt}`;

/** The sign-in outcome for a user of `realm` whose groups are `groups`. */
function outcomeOf(realm: RealmWithSecret, name: string, groups: string[]): RealmSignIn {
  const user = `${name}@${realm.name}`;
  if (name.length > MAX_USER_NAME) {
    throw new AppError(
      realm.kind === "ldap" ? "DIRECTORY_ERROR" : "PROVIDER_ERROR",
      t("The directory's name for this account is longer than {{max}} characters", {
        max: MAX_USER_NAME,
      }),
    );
  }
  const role = roleFromGroups(groups, realm.config.roleMap);
  if (!role) {
    return {
      ok: false,
      user,
      refusal: "no-role",
      reason: "NO_ROLE",
      detail: t("Account {{user}} is in no group that realm {{realm}} gives a role", {
        user,
        realm: realm.name,
      }),
    };
  }
  return { ok: true, user, role, providerSecondFactor: realm.config.providerSecondFactor };
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
    return this.records.list().map(({ name, label, kind }) => ({ name, label, kind }));
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
    const realm = input ?? saved!;
    if (realm.kind !== "ldap") {
      throw new AppError(
        "INVALID_REALM",
        t("An OpenID Connect provider lists no members: a preview reads a directory"),
      );
    }
    const config = realm.config;
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
    if (realm.kind !== "ldap") {
      throw new AppError(
        "INVALID_REALM",
        t("Realm {{realm}} signs in at its provider: use its button on the sign-in page", {
          realm: realmName,
        }),
      );
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
    return outcomeOf(realm, outcome.user.name, outcome.user.groups);
  }

  /** OpenID Connect sign-ins under way, and refusals kept for the sign-in page. */
  readonly flows = new OidcFlows();

  /**
   * Begins a sign-in at realm `realmName`'s provider: where to send the browser, and the secret
   * of the cookie that lets only this browser finish it. `redirectUri` is this server's callback
   * as the browser reaches it.
   */
  async oidcStart(
    realmName: string,
    redirectUri: string,
    address: string,
  ): Promise<{ url: URL; browser: string }> {
    const realm = this.records.get(realmName);
    if (!realm || realm.kind !== "oidc") {
      throw new AppError(
        "INVALID_REALM",
        t("No OpenID Connect realm is named {{name}}", { name: realmName }),
      );
    }
    const { url, checks } = await oidcAuthorization(
      keyOf(realm),
      realm.config,
      realm.secret,
      redirectUri,
    ).catch((err) => {
      throw apiError(err, "oidc");
    });
    const browser = this.flows.begin(
      { ...checks, realm: realmName, realmKey: keyOf(realm) },
      address,
    );
    if (browser === null) {
      throw new AppError(
        "TOO_MANY_ATTEMPTS",
        t("Too many sign-ins under way from this address: finish one, or wait ten minutes"),
        { retryAfter: 60 },
      );
    }
    return { url, browser };
  }

  /**
   * The sign-in under way that `state` names, for the browser whose cookie is `browser`, taken.
   * 400 INVALID_REALM when there is none for it (too old, finished already, another browser's) or
   * its realm changed meanwhile.
   */
  oidcFlow(state: string, browser: string | undefined): OidcFlow {
    const flow = this.flows.finish(state, browser);
    const realm = flow ? this.records.get(flow.realm) : null;
    if (!flow || !realm || realm.kind !== "oidc" || keyOf(realm) !== flow.realmKey) {
      throw new AppError(
        "INVALID_REALM",
        t("This sign-in is not under way any more: start it again from the sign-in page"),
      );
    }
    return flow;
  }

  /**
   * Finishes `flow` with the provider's answer (`query`). A name is held by the provider's
   * subject that first signed in with it: another subject under the same name (a renamed or new
   * account at the provider) is refused, never let into the first one's assignment and factors.
   */
  async oidcFinish(flow: OidcFlow, query: string) {
    const realm = this.records.get(flow.realm);
    if (!realm || realm.kind !== "oidc" || keyOf(realm) !== flow.realmKey) {
      throw new AppError(
        "INVALID_REALM",
        t("This sign-in is not under way any more: start it again from the sign-in page"),
      );
    }
    const user = await oidcFinish(flow.realmKey, realm.config, realm.secret, flow, query)
      .catch((err) => {
        throw apiError(err, "oidc");
      });
    if (!this.records.claimSubject(realm.name, user.name, user.subject)) {
      throw new AppError(
        "NO_ROLE",
        t(
          "{{user}} is held by another account of the provider (its subject differs): an admin can free the name by removing and adding the realm",
          { user: `${user.name}@${realm.name}` },
        ),
        { user: `${user.name}@${realm.name}` },
      );
    }
    return { realm: realm.name, outcome: outcomeOf(realm, user.name, user.groups) };
  }

  /**
   * For a user of an OpenID Connect realm who signs out: where their provider signs them out too,
   * coming back to `after`; null for anyone else, or when the provider has no such place.
   */
  async logoutUrl(user: string, after: string): Promise<string | null> {
    const found = this.realmUser(user);
    if (!found || found.realm.kind !== "oidc") return null;
    const { realm } = found;
    return await oidcLogoutUrl(keyOf(realm), realm.config, realm.secret, after);
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
    // A provider is asked only with the user there: between sign-ins it tells nothing.
    if (!found || found.realm.kind !== "ldap") return null;
    const { name, realm } = found;
    const entry = await ldapUser(realm.config, realm.secret, name).catch((err) => {
      throw apiError(err);
    });
    // Keyed by the directory's spelling: another spelling is another account.
    if (!entry || entry.name !== name) return null;
    return roleFromGroups(entry.groups, realm.config.roleMap);
  }
}
