// Browser calls of the sign-in realms API (/api/realms): list, save (create or replace), delete,
// and the preview of who a directory realm's role map lets in. Admins only; failures are ApiRequestError in
// the API's words.

import type { LdapRealmConfig, OidcRealmConfig, Realm, RealmPreview } from "../../shared/realms.ts";
import { realmPath, realmPreviewPath, realmsPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export type { Realm, RealmPreview };

/** A directory realm. */
export type LdapRealm = Extract<Realm, { kind: "ldap" }>;
/** An OpenID Connect provider's realm. */
export type OidcRealm = Extract<Realm, { kind: "oidc" }>;

/** What PUT /api/realms/:name and an unsaved preview take, for a directory realm. */
export interface LdapRealmBody {
  label: string;
  kind: "ldap";
  config: LdapRealmConfig;
  /** Write-only: omitted keeps the stored one, null removes it, a string sets it. */
  bindPassword?: string | null;
}

/** What PUT /api/realms/:name takes for a provider's realm (a preview refuses it). */
export interface OidcRealmBody {
  label: string;
  kind: "oidc";
  config: OidcRealmConfig;
  /** Write-only: omitted keeps the stored one, null removes it, a string sets it. */
  clientSecret?: string | null;
}

export type RealmBody = LdapRealmBody | OidcRealmBody;

export const listRealms = () =>
  request<{ realms: Realm[] }>("GET", realmsPath()).then((r) => r.realms);

export const saveRealm = (name: string, body: RealmBody) =>
  request<Realm>("PUT", realmPath(name), body);

/** The realm's users' sessions end with it. */
export const deleteRealm = (name: string) => request<{ ok: true }>("DELETE", realmPath(name));

/** The saved realm's preview, or `body`'s (an unsaved edit: nothing is kept). */
export const previewRealm = (name: string, body?: LdapRealmBody) =>
  request<RealmPreview>("POST", realmPreviewPath(name), body);
