// Browser calls of the sign-in realms API (/api/realms): list, save (create or replace), delete,
// and the preview of who a realm's role map lets in. Admins only; failures are ApiRequestError in
// the API's words.

import type { LdapRealmConfig, Realm, RealmPreview } from "../../shared/realms.ts";
import { realmPath, realmPreviewPath, realmsPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export type { Realm, RealmPreview };

/** A directory realm: the kind this card's dialog edits. */
export type LdapRealm = Extract<Realm, { kind: "ldap" }>;

/** What PUT /api/realms/:name and an unsaved preview take, for a directory realm. */
export interface RealmBody {
  label: string;
  kind: "ldap";
  config: LdapRealmConfig;
  /** Write-only: omitted keeps the stored one, null removes it, a string sets it. */
  bindPassword?: string | null;
}

export const listRealms = () =>
  request<{ realms: Realm[] }>("GET", realmsPath()).then((r) => r.realms);

export const saveRealm = (name: string, body: RealmBody) =>
  request<Realm>("PUT", realmPath(name), body);

/** The realm's users' sessions end with it. */
export const deleteRealm = (name: string) => request<{ ok: true }>("DELETE", realmPath(name));

/** The saved realm's preview, or `body`'s (an unsaved edit: nothing is kept). */
export const previewRealm = (name: string, body?: RealmBody) =>
  request<RealmPreview>("POST", realmPreviewPath(name), body);
