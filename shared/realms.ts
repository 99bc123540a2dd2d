// Sign-in realms beside the host's PAM accounts: a directory (LDAP, Active Directory) or an OpenID
// Connect provider whose users sign in as `name@realm`, their role given by their groups. The wire shapes
// of /api/realms and the sign-in page's choice; browser-safe.

import type { Role } from "./auth.ts";

/** The realm of the host's own accounts (PAM): never a stored realm's name. */
export const PAM_REALM = "pam";

/** A realm's name: lower-case letters, digits and dashes, a letter first, at most 32. */
export const REALM_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * How the connection to the directory is protected: LDAPS (ldaps://, TLS from the start),
 * StartTLS (ldap://, TLS before anything is sent), or none (ldap://, passwords in clear: only
 * for a directory on the same machine or a network the admin trusts).
 */
export const LDAP_SECURITY = ["ldaps", "starttls", "none"] as const;
export type LdapSecurity = (typeof LDAP_SECURITY)[number];

/** A directory group that gives a role. */
export interface RoleMapping {
  group: string;
  role: Role;
}

/** Where and how a directory realm finds its users and their groups. */
export interface LdapRealmConfig {
  /** ldap://host[:port] or ldaps://host[:port]. */
  url: string;
  security: LdapSecurity;
  /** A PEM file of the CA(s) to trust for the directory's certificate; null: the system's. */
  caFile: string | null;
  /** The account that searches (a "bind DN"); null: searches anonymously. */
  bindDn: string | null;
  /** Where users are searched (the whole subtree). */
  userBase: string;
  /** The attribute a user signs in with: `uid` (OpenLDAP), `sAMAccountName` (AD). */
  userAttribute: string;
  /** More conditions a user entry must meet, an LDAP filter: `(objectClass=person)`; null: none. */
  userFilter: string | null;
  /** Where groups are searched (the whole subtree). */
  groupBase: string;
  /** Which entries are groups, an LDAP filter. */
  groupFilter: string;
  /** The group attribute holding its members' DNs: `member` (groupOfNames, AD). */
  memberAttribute: string;
  /** The group attribute that names it in the role map: `cn`. */
  groupNameAttribute: string;
  /** Each group's role; a user in several gets the highest. */
  roleMap: RoleMapping[];
  /** True: the directory's own sign-in already asked a second factor, ours is not asked. */
  providerSecondFactor: boolean;
  /** How long one connection, bind or search may take, in seconds. */
  timeoutSeconds: number;
}

/** Where and how an OpenID Connect realm signs its users in. */
export interface OidcRealmConfig {
  /** The provider's issuer URL; its discovery document is ISSUER/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  /** Asked for besides `openid`. */
  scopes: string[];
  /** The claim that names the user: `preferred_username`, `email`, `upn`. */
  usernameClaim: string;
  /** The claim listing the user's groups (an array of names). */
  groupsClaim: string;
  roleMap: RoleMapping[];
  /** True: the provider's sign-in already asked a second factor, ours is not asked. */
  providerSecondFactor: boolean;
  timeoutSeconds: number;
}

interface RealmCommon {
  name: string;
  /** What the sign-in page shows. */
  label: string;
  updatedAt: string;
  updatedBy: string;
}

/** A realm as the API lists it: never its bind password or client secret. */
export type Realm =
  | RealmCommon & {
    kind: "ldap";
    config: LdapRealmConfig;
    /** Whether a bind password is kept (it is write-only). */
    hasBindPassword: boolean;
  }
  | RealmCommon & {
    kind: "oidc";
    config: OidcRealmConfig;
    /** Whether a client secret is kept (write-only); without one the client is public (PKCE). */
    hasClientSecret: boolean;
  };

/** A realm offered on the sign-in page: a password form (ldap) or a button to the provider. */
export interface RealmChoice {
  name: string;
  label: string;
  kind: "ldap" | "oidc";
}

/** One directory user as a preview shows them: their groups, and the role those give. */
export interface RealmPreviewUser {
  /** `name@realm`, as they would sign in. */
  user: string;
  groups: string[];
  /** Null: in no group the role map names, so they could not sign in. */
  role: Role | null;
}

/** Who would get which role, read from the directory now. */
export interface RealmPreview {
  users: RealmPreviewUser[];
  /** True when the directory held more members than a preview reads. */
  truncated: boolean;
}
