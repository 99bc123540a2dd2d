// A realm as the API receives it (PUT /api/realms/:name, and the preview of an unsaved one),
// checked with bounded sizes: every problem is 400 INVALID_REALM in the words the form shows.
// The bind password is write-only: omitted on a replace it stays while the directory stays the
// same (another URL or bind DN must be given it again), null removes it.

import { z } from "zod";
import { t } from "../../../shared/i18n/t.ts";
import { LDAP_SECURITY, PAM_REALM, REALM_NAME } from "../../../shared/realms.ts";
import { ROLES } from "../../../shared/auth.ts";
import type { IssueCodes } from "../../validate.ts";
import { strictBodyError } from "../../validate.ts";
import { AppError } from "../../errors.ts";

export const REALM_CODES: IssueCodes = { code: "INVALID_REALM" };

export const MAX_DN = 1024;
export const MAX_FILTER = 1024;
export const MAX_SECRET = 1024;
export const MAX_ROLE_MAP = 64;
const MAX_URL = 512;
const MAX_LABEL = 64;
const MAX_GROUP = 256;
const MAX_PATH = 4096;

/** 400 INVALID_REALM unless `name` may name a stored realm. */
export function checkRealmName(name: string): string {
  if (!REALM_NAME.test(name) || name === PAM_REALM) {
    throw new AppError(
      "INVALID_REALM",
      t(
        "A realm's name is 1-32 lower-case letters, digits and dashes, a letter first, and not pam",
      ),
    );
  }
  return name;
}

/**
 * A realm user's name as sessions, tokens and assignments key it: the directory's spelling, `@`,
 * the realm's name.
 */
// deno-lint-ignore no-control-regex -- control characters are what is refused
const REALM_USER = /^[^\u0000-\u001f\u007f]{1,256}@[a-z][a-z0-9-]{0,31}$/;

export function isRealmUserName(user: string): boolean {
  return REALM_USER.test(user) && !user.endsWith(`@${PAM_REALM}`);
}

/**
 * A name as a directory or provider hands it over that may key an account: no control or format
 * characters (zero-width, right-to-left overrides), no space but the plain one and none at either
 * end, so two accounts never look alike on the Access page or in the audit log.
 */
export function isPlainName(name: string): boolean {
  return name.length > 0 && name.length <= 256 && name.trim() === name &&
    !/[\p{C}\p{Zl}\p{Zp}]/u.test(name) && !/\p{Zs}/u.test(name.replace(/ /g, ""));
}

/** Balanced parentheses around the whole, as an LDAP filter (RFC 4515) has them. */
function isFilter(text: string): boolean {
  if (!text.startsWith("(") || !text.endsWith(")")) return false;
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

const text = (max: number, words: () => string) =>
  z.string({ error: words }).min(1, { error: words }).max(max, { error: words })
    // deno-lint-ignore no-control-regex -- control characters are what is refused
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: words });

const dn = (field: string) =>
  text(MAX_DN, () => t("{{field}} must be a DN of 1-{{max}} characters", { field, max: MAX_DN }));

const filter = (field: string) =>
  text(
    MAX_FILTER,
    () =>
      t("{{field}} must be an LDAP filter in parentheses, at most {{max}} characters", {
        field,
        max: MAX_FILTER,
      }),
  ).refine(isFilter, {
    error: () =>
      t("{{field}} must be an LDAP filter in parentheses, at most {{max}} characters", {
        field,
        max: MAX_FILTER,
      }),
  });

const attribute = (field: string) =>
  z.string({ error: () => t("{{field}} must be an attribute name", { field }) })
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, {
      error: () => t("{{field}} must be an attribute name", { field }),
    });

const badUrl = () =>
  t("url must be ldap://host[:port] or ldaps://host[:port], at most {{max}} characters", {
    max: MAX_URL,
  });

const badTimeout = () => t("timeoutSeconds must be a whole number from 1 to 60");

const ROLE_MAP = z.array(
  z.strictObject({
    group: text(
      MAX_GROUP,
      () => t("Each group in roleMap is a name of 1-{{max}} characters", { max: MAX_GROUP }),
    ),
    role: z.enum(ROLES, {
      error: () => t("Each role in roleMap is one of {{roles}}", { roles: ROLES.join(", ") }),
    }),
  }, strictBodyError('{"group": "vm-ops", "role": "operator"}')),
  { error: () => t("roleMap must be a list of {group, role}") },
).max(MAX_ROLE_MAP, {
  error: () => t("roleMap holds at most {{max}} groups", { max: MAX_ROLE_MAP }),
});

const PROVIDER_SECOND_FACTOR = z.boolean({
  error: () => t("providerSecondFactor must be true or false"),
}).default(false);

const TIMEOUT = z.number({ error: badTimeout }).int({ error: badTimeout })
  .min(1, { error: badTimeout }).max(60, { error: badTimeout }).default(10);

export const LdapConfigBody = z.strictObject({
  url: z.string({ error: badUrl }).max(MAX_URL, { error: badUrl })
    .regex(/^ldaps?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?\/?$/, { error: badUrl }),
  security: z.enum(LDAP_SECURITY, {
    error: () => t("security must be one of {{values}}", { values: LDAP_SECURITY.join(", ") }),
  }),
  caFile: z.string({ error: () => t("caFile must be an absolute path, or null") })
    .max(MAX_PATH).regex(/^\/[^\0]*$/, {
      error: () => t("caFile must be an absolute path, or null"),
    }).nullable().default(null),
  bindDn: dn("bindDn").nullable().default(null).meta({
    description: "The account that searches; null: anonymous searches",
  }),
  userBase: dn("userBase"),
  userAttribute: attribute("userAttribute").default("uid").meta({
    description: "uid (OpenLDAP), sAMAccountName (Active Directory)",
  }),
  userFilter: filter("userFilter").nullable().default(null),
  groupBase: dn("groupBase"),
  groupFilter: filter("groupFilter").default("(|(objectClass=groupOfNames)(objectClass=group))"),
  memberAttribute: attribute("memberAttribute").default("member"),
  groupNameAttribute: attribute("groupNameAttribute").default("cn"),
  roleMap: ROLE_MAP,
  providerSecondFactor: PROVIDER_SECOND_FACTOR,
  timeoutSeconds: TIMEOUT,
}, strictBodyError()).refine(
  (c) => (c.url.startsWith("ldaps://")) === (c.security === "ldaps"),
  { error: () => t("security is ldaps for an ldaps:// URL, and starttls or none for ldap://") },
);

const LABEL = text(MAX_LABEL, () => t("label must be 1-{{max}} characters", { max: MAX_LABEL }));

/** A write-only secret: omitted keeps the stored one (records.ts says when), null removes it. */
const secret = (field: string) =>
  z.string({ error: () => t("{{field}} must be a string, or null", { field }) })
    // An empty password binds unauthenticated: the directory would take any DN without one.
    .min(1, { error: () => t("{{field}} may not be empty: null removes it", { field }) })
    .max(MAX_SECRET, {
      error: () => t("{{field}} has at most {{max}} characters", { field, max: MAX_SECRET }),
    }).nullable().optional().meta({
      description: "Write-only. Omitted: the kept one stays while the server stays the same; " +
        "null: none",
    });

const badIssuer = () =>
  t(
    "issuer must be an https:// URL (http:// only on this machine), at most {{max}} characters",
    { max: MAX_URL },
  );
const claim = (field: string) =>
  z.string({ error: () => t("{{field}} must be a claim name", { field }) })
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, {
      error: () => t("{{field}} must be a claim name", { field }),
    });
const badScopes = () => t("scopes must be a list of at most 20 scope names");

/** https, or http to this machine (a provider on loopback, as in tests). */
function isIssuer(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) return false;
  if (parsed.protocol === "https:") return true;
  return parsed.protocol === "http:" &&
    ["127.0.0.1", "[::1]", "localhost"].includes(parsed.hostname);
}

export const OidcConfigBody = z.strictObject({
  issuer: z.string({ error: badIssuer }).max(MAX_URL, { error: badIssuer })
    .refine(isIssuer, { error: badIssuer }),
  clientId: text(256, () => t("clientId must be 1-256 characters")),
  scopes: z.array(
    z.string({ error: badScopes }).regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,64}$/, {
      error: badScopes,
    }),
    { error: badScopes },
  ).max(20, { error: badScopes }).default(["profile", "email"]).meta({
    description: "Asked for besides openid",
  }),
  usernameClaim: claim("usernameClaim").default("preferred_username"),
  groupsClaim: claim("groupsClaim").default("groups"),
  roleMap: ROLE_MAP,
  providerSecondFactor: PROVIDER_SECOND_FACTOR,
  timeoutSeconds: TIMEOUT,
}, strictBodyError());

const LdapRealmBody = z.strictObject({
  label: LABEL,
  kind: z.literal("ldap"),
  config: LdapConfigBody,
  bindPassword: secret("bindPassword"),
}, strictBodyError('{"label": "Company", "kind": "ldap", "config": {…}}'));

const OidcRealmBody = z.strictObject({
  label: LABEL,
  kind: z.literal("oidc"),
  config: OidcConfigBody,
  clientSecret: secret("clientSecret"),
}, strictBodyError('{"label": "Company", "kind": "oidc", "config": {…}}'));

export const RealmBody = z.discriminatedUnion("kind", [LdapRealmBody, OidcRealmBody], {
  error: (issue) =>
    issue.code === "invalid_union"
      ? t("kind must be ldap or oidc")
      : t("Body must be a JSON object like {{example}}", {
        example: '{"label": "Company", "kind": "ldap", "config": {…}}',
      }),
});

export type RealmInput = z.output<typeof RealmBody>;
