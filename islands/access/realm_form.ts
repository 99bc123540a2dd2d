// The realm dialog's draft and the body it sends: every field of PUT /api/realms/:name as text the
// form edits (a directory's or a provider's, by kind), the API's defaults for a new realm, and the
// write-only bind password or client secret (empty keeps the stored one, "remove" sends null, an
// anonymous search sends none).

import type { Role } from "../../shared/auth.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import type { LdapSecurity, RoleMapping } from "../../shared/realms.ts";
import type { LdapRealmBody, OidcRealmBody, Realm } from "./realms_api.ts";

export interface RealmDraft {
  /** Chosen when creating; an edited realm keeps its own. */
  kind: Realm["kind"];
  name: string;
  label: string;
  url: string;
  security: LdapSecurity;
  caFile: string;
  /** Empty: anonymous searches. */
  bindDn: string;
  /** Empty: the stored one stays (a new realm: none). */
  bindPassword: string;
  /** The stored bind password goes (null is sent). */
  removePassword: boolean;
  userBase: string;
  userAttribute: string;
  userFilter: string;
  groupBase: string;
  groupFilter: string;
  memberAttribute: string;
  groupNameAttribute: string;
  /** A provider's issuer URL (its discovery document is below it). */
  issuer: string;
  clientId: string;
  /** Empty: the stored one stays (a new realm: none, a public client). */
  clientSecret: string;
  /** The stored client secret goes (null is sent). */
  removeSecret: boolean;
  /** Space-separated, as providers write them. */
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
  roleMap: RoleMapping[];
  providerSecondFactor: boolean;
  timeoutSeconds: string;
}

const NO_TLS = tKey("None: passwords in clear");

/** How a security choice reads in the form and the list (protocol names stay as written). */
export function securityLabel(security: LdapSecurity): string {
  return security === "ldaps" ? "LDAPS" : security === "starttls" ? "StartTLS" : t(NO_TLS);
}

/** A new realm as the API would fill in what is not given. */
export function newRealmDraft(): RealmDraft {
  return {
    kind: "ldap",
    name: "",
    label: "",
    url: "",
    security: "starttls",
    caFile: "",
    bindDn: "",
    bindPassword: "",
    removePassword: false,
    userBase: "",
    userAttribute: "uid",
    userFilter: "",
    groupBase: "",
    groupFilter: "(|(objectClass=groupOfNames)(objectClass=group))",
    memberAttribute: "member",
    groupNameAttribute: "cn",
    issuer: "",
    clientId: "",
    clientSecret: "",
    removeSecret: false,
    scopes: "profile email",
    usernameClaim: "preferred_username",
    groupsClaim: "groups",
    roleMap: [{ group: "", role: "viewer" }],
    providerSecondFactor: false,
    timeoutSeconds: "10",
  };
}

/** A saved realm's fields; its bind password or client secret is never read back. */
export function realmDraft(realm: Realm): RealmDraft {
  if (realm.kind === "oidc") {
    const c = realm.config;
    return {
      ...newRealmDraft(),
      kind: "oidc",
      name: realm.name,
      label: realm.label,
      issuer: c.issuer,
      clientId: c.clientId,
      scopes: c.scopes.join(" "),
      usernameClaim: c.usernameClaim,
      groupsClaim: c.groupsClaim,
      roleMap: c.roleMap.map((m) => ({ ...m })),
      providerSecondFactor: c.providerSecondFactor,
      timeoutSeconds: String(c.timeoutSeconds),
    };
  }
  const c = realm.config;
  return {
    ...newRealmDraft(),
    name: realm.name,
    label: realm.label,
    url: c.url,
    security: c.security,
    caFile: c.caFile ?? "",
    bindDn: c.bindDn ?? "",
    userBase: c.userBase,
    userAttribute: c.userAttribute,
    userFilter: c.userFilter ?? "",
    groupBase: c.groupBase,
    groupFilter: c.groupFilter,
    memberAttribute: c.memberAttribute,
    groupNameAttribute: c.groupNameAttribute,
    roleMap: c.roleMap.map((m) => ({ ...m })),
    providerSecondFactor: c.providerSecondFactor,
    timeoutSeconds: String(c.timeoutSeconds),
  };
}

/** The security a URL's scheme allows, kept when it still fits (ldap:// takes two). */
export function securityFor(url: string, security: LdapSecurity): LdapSecurity {
  if (url.startsWith("ldaps://")) return "ldaps";
  if (url.startsWith("ldap://") && security === "ldaps") return "starttls";
  return security;
}

const orNull = (text: string) => text.trim() === "" ? null : text.trim();

/** Rows without a group are left out. */
const roleMapOf = (d: RealmDraft) =>
  d.roleMap.filter((m) => m.group.trim() !== "").map((m) => ({
    group: m.group.trim(),
    role: m.role,
  }));

// Not a whole number: NaN goes as null, and the API's words say what it takes.
const timeoutOf = (d: RealmDraft) => d.timeoutSeconds.trim() === "" ? 10 : Number(d.timeoutSeconds);

/** The body of PUT for the draft's kind; the API checks it and names the field it refuses. */
export function realmBody(d: RealmDraft): LdapRealmBody | OidcRealmBody {
  return d.kind === "oidc" ? oidcBody(d) : ldapBody(d);
}

/** A provider's realm: the secret as the bind password goes (empty keeps, remove sends null). */
export function oidcBody(d: RealmDraft): OidcRealmBody {
  const body: OidcRealmBody = {
    label: d.label.trim(),
    kind: "oidc",
    config: {
      issuer: d.issuer.trim(),
      clientId: d.clientId.trim(),
      scopes: d.scopes.split(/\s+/).filter(Boolean),
      usernameClaim: d.usernameClaim.trim(),
      groupsClaim: d.groupsClaim.trim(),
      roleMap: roleMapOf(d),
      providerSecondFactor: d.providerSecondFactor,
      timeoutSeconds: timeoutOf(d),
    },
  };
  if (d.removeSecret) body.clientSecret = null;
  else if (d.clientSecret !== "") body.clientSecret = d.clientSecret;
  return body;
}

/**
 * A directory's body, of PUT and of an unsaved preview. Rows of the role map without a group are
 * left out; the API checks everything else and names the field it refuses.
 */
export function ldapBody(d: RealmDraft): LdapRealmBody {
  const bindDn = orNull(d.bindDn);
  const body: LdapRealmBody = {
    label: d.label.trim(),
    kind: "ldap",
    config: {
      url: d.url.trim(),
      security: d.security,
      caFile: orNull(d.caFile),
      bindDn,
      userBase: d.userBase.trim(),
      userAttribute: d.userAttribute.trim(),
      userFilter: orNull(d.userFilter),
      groupBase: d.groupBase.trim(),
      groupFilter: d.groupFilter.trim(),
      memberAttribute: d.memberAttribute.trim(),
      groupNameAttribute: d.groupNameAttribute.trim(),
      roleMap: roleMapOf(d),
      providerSecondFactor: d.providerSecondFactor,
      timeoutSeconds: timeoutOf(d),
    },
  };
  // An anonymous search keeps no password; otherwise empty keeps the stored one (omitted).
  if (bindDn === null || d.removePassword) body.bindPassword = null;
  else if (d.bindPassword !== "") body.bindPassword = d.bindPassword;
  return body;
}

/** The role map's rows, one changed, added or removed. */
export const roleRows = {
  set: (rows: RoleMapping[], i: number, change: Partial<RoleMapping>) =>
    rows.map((row, j) => j === i ? { ...row, ...change } : row),
  add: (rows: RoleMapping[], role: Role = "viewer") => [...rows, { group: "", role }],
  remove: (rows: RoleMapping[], i: number) => rows.filter((_, j) => j !== i),
};
