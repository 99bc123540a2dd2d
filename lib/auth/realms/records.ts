// The realms kept in the app store: listed without their bind password, which is write-only and
// follows a realm only while its directory stays the same (lib/auth/realms/input.ts).

import type { Store } from "../../store.ts";
import { AppError } from "../../errors.ts";
import { t } from "../../../shared/i18n/t.ts";
import type { LdapRealmConfig, OidcRealmConfig, Realm } from "../../../shared/realms.ts";
import type { RealmInput } from "./input.ts";

/** A realm with what only the server may read: its bind password or client secret. */
export type RealmWithSecret = Realm & { secret: string | null };

function realmOf(row: Record<string, unknown>): RealmWithSecret {
  const secret = row.secret === null ? null : String(row.secret);
  const common = {
    name: String(row.name),
    label: String(row.label),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
    updatedBy: String(row.updated_by),
    secret,
  };
  const config = JSON.parse(String(row.config));
  return row.kind === "oidc"
    ? { ...common, kind: "oidc", config: config as OidcRealmConfig, hasClientSecret: !!secret }
    : { ...common, kind: "ldap", config: config as LdapRealmConfig, hasBindPassword: !!secret };
}

/** A realm as the API answers it: everything but the secret. */
export function withoutSecret({ secret: _, ...realm }: RealmWithSecret): Realm {
  return realm;
}

/** Whether `input` points where `old` does: the server a kept secret was given for. */
function sameServer(input: RealmInput, old: RealmWithSecret): boolean {
  if (input.kind === "ldap" && old.kind === "ldap") {
    // The whole connection: another protection or CA could send the password in clear or to
    // a server that only looks like the directory.
    return old.config.url === input.config.url && old.config.bindDn === input.config.bindDn &&
      old.config.security === input.config.security && old.config.caFile === input.config.caFile;
  }
  if (input.kind === "oidc" && old.kind === "oidc") {
    return old.config.issuer === input.config.issuer &&
      old.config.clientId === input.config.clientId;
  }
  return false;
}

/**
 * The secret `input` leads to, given the realm's kept one: its own, none (null), or the kept one
 * while the server stays the same (one re-pointed at a server of the editor's choosing would be
 * sent there). 400 INVALID_REALM when a kept secret may not follow, or a bind DN would bind
 * without a password (an unauthenticated bind, which a directory takes for any DN).
 */
export function secretFor(input: RealmInput, old: RealmWithSecret | null): string | null {
  const given = input.kind === "ldap" ? input.bindPassword : input.clientSecret;
  let secret: string | null;
  if (given !== undefined) secret = given;
  else if (!old?.secret) secret = null;
  else if (sameServer(input, old)) secret = old.secret;
  else {
    throw new AppError(
      "INVALID_REALM",
      input.kind === "ldap"
        ? t(
          "bindPassword: give the bind password again: the directory changed (url, security, caFile or bindDn)",
        )
        : t(
          "clientSecret: give the client secret again: the provider changed (issuer or clientId)",
        ),
    );
  }
  if (input.kind === "ldap" && input.config.bindDn !== null && secret === null) {
    throw new AppError("INVALID_REALM", t("A bindDn needs its bindPassword"));
  }
  if (input.kind === "ldap" && input.config.bindDn === null && secret !== null) {
    throw new AppError("INVALID_REALM", t("A bindPassword needs its bindDn"));
  }
  return secret;
}

export class RealmRecords {
  constructor(private readonly store: Store, private readonly now = Date.now) {}

  list(): RealmWithSecret[] {
    return this.store.db.prepare("SELECT * FROM realms ORDER BY name").all().map(realmOf);
  }

  get(name: string): RealmWithSecret | null {
    const row = this.store.db.prepare("SELECT * FROM realms WHERE name = ?").get(name);
    return row ? realmOf(row) : null;
  }

  /** Creates or replaces the realm `name` (already checked); answers it as kept. */
  put(name: string, input: RealmInput, by: string): RealmWithSecret {
    return this.store.write(() => {
      const secret = secretFor(input, this.get(name));
      this.store.db.prepare(
        `INSERT INTO realms (name, label, kind, config, secret, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET label = excluded.label, kind = excluded.kind,
           config = excluded.config, secret = excluded.secret, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by`,
      ).run(name, input.label, input.kind, JSON.stringify(input.config), secret, this.now(), by);
      return this.get(name)!;
    });
  }

  /** Removes the realm, and the subjects its names were held by; false when there was none. */
  delete(name: string): boolean {
    return this.store.write(() => {
      this.store.db.prepare("DELETE FROM realm_subjects WHERE realm = ?").run(name);
      return Number(this.store.db.prepare("DELETE FROM realms WHERE name = ?").run(name).changes) >
        0;
    });
  }

  /**
   * Whether `subject` may sign in as `name` of `realm`: the first subject to do so holds the name
   * from then on (kept here), any other is refused.
   */
  claimSubject(realm: string, name: string, subject: string): boolean {
    return this.store.write(() => {
      const row = this.store.db.prepare(
        "SELECT subject FROM realm_subjects WHERE realm = ? AND name = ?",
      ).get(realm, name);
      if (row) return String(row.subject) === subject;
      this.store.db.prepare(
        "INSERT INTO realm_subjects (realm, name, subject, first_at) VALUES (?, ?, ?, ?)",
      ).run(realm, name, subject, this.now());
      return true;
    });
  }
}
