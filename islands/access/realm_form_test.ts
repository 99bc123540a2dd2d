import { assertEquals } from "../../tests/support/assert.ts";
import type { LdapRealm, OidcRealm } from "./realms_api.ts";
import {
  ldapBody,
  newRealmDraft,
  oidcBody,
  realmBody,
  realmDraft,
  roleRows,
  securityFor,
} from "./realm_form.ts";

const SAVED: LdapRealm = {
  name: "corp",
  label: "Corp",
  kind: "ldap",
  config: {
    url: "ldap://dc.corp:389",
    security: "starttls",
    caFile: "/etc/ssl/corp.pem",
    bindDn: "cn=reader,dc=corp",
    userBase: "ou=people,dc=corp",
    userAttribute: "uid",
    userFilter: null,
    groupBase: "ou=groups,dc=corp",
    groupFilter: "(objectClass=groupOfNames)",
    memberAttribute: "member",
    groupNameAttribute: "cn",
    roleMap: [{ group: "vm-ops", role: "operator" }],
    providerSecondFactor: false,
    timeoutSeconds: 5,
  },
  hasBindPassword: true,
  updatedAt: "2026-11-30T00:00:00.000Z",
  updatedBy: "root",
};

Deno.test("realm form - a saved realm's fields come back as the body, its password kept (omitted)", () => {
  const body = realmBody(realmDraft(SAVED));
  assertEquals(body, { label: "Corp", kind: "ldap", config: SAVED.config });
  assertEquals("bindPassword" in body, false);
});

Deno.test("realm form - a typed password is sent, remove sends null, an anonymous search sends null", () => {
  const draft = realmDraft(SAVED);
  assertEquals(ldapBody({ ...draft, bindPassword: "s3cret" }).bindPassword, "s3cret");
  assertEquals(
    ldapBody({ ...draft, bindPassword: "s3cret", removePassword: true }).bindPassword,
    null,
  );
  const anonymous = ldapBody({ ...draft, bindDn: " ", bindPassword: "x" });
  assertEquals([anonymous.config.bindDn, anonymous.bindPassword], [null, null]);
});

Deno.test("realm form - a new realm has the API's defaults; empty optional fields are null, blank groups left out", () => {
  const body = ldapBody({
    ...newRealmDraft(),
    roleMap: roleRows.add([{ group: " vm-ops ", role: "operator" }]),
    timeoutSeconds: "",
  });
  assertEquals(body.config.caFile, null);
  assertEquals(body.config.userFilter, null);
  assertEquals(body.config.userAttribute, "uid");
  assertEquals(body.config.groupFilter, "(|(objectClass=groupOfNames)(objectClass=group))");
  assertEquals(body.config.roleMap, [{ group: "vm-ops", role: "operator" }]);
  assertEquals(body.config.timeoutSeconds, 10);
  assertEquals(
    roleRows.remove([{ group: "a", role: "viewer" }, { group: "b", role: "admin" }], 0),
    [
      { group: "b", role: "admin" },
    ],
  );
});

Deno.test("realm form - the security follows the URL's scheme", () => {
  assertEquals(securityFor("ldaps://dc", "starttls"), "ldaps");
  assertEquals(securityFor("ldap://dc", "ldaps"), "starttls");
  assertEquals(securityFor("ldap://dc", "none"), "none");
});

const PROVIDER: OidcRealm = {
  name: "sso",
  label: "Company SSO",
  kind: "oidc",
  config: {
    issuer: "https://sso.example.com",
    clientId: "kvm-manager",
    scopes: ["profile", "groups"],
    usernameClaim: "email",
    groupsClaim: "roles",
    roleMap: [{ group: "vm-admins", role: "admin" }],
    providerSecondFactor: true,
    timeoutSeconds: 5,
  },
  hasClientSecret: true,
  updatedAt: "2026-11-30T00:00:00.000Z",
  updatedBy: "root",
};

Deno.test("realm form - a saved provider's fields come back as the body, its secret kept (omitted)", () => {
  const draft = realmDraft(PROVIDER);
  assertEquals([draft.kind, draft.scopes], ["oidc", "profile groups"]);
  const body = realmBody(draft);
  assertEquals(body, { label: "Company SSO", kind: "oidc", config: PROVIDER.config });
  assertEquals("clientSecret" in body, false);
});

Deno.test("realm form - a provider's secret is sent when typed, null on remove; scopes split on spaces", () => {
  const draft = realmDraft(PROVIDER);
  assertEquals(oidcBody({ ...draft, clientSecret: "s3cret" }).clientSecret, "s3cret");
  assertEquals(
    oidcBody({ ...draft, clientSecret: "s3cret", removeSecret: true }).clientSecret,
    null,
  );
  assertEquals(oidcBody({ ...draft, scopes: "  profile\temail  groups " }).config.scopes, [
    "profile",
    "email",
    "groups",
  ]);
  const fresh = oidcBody({ ...newRealmDraft(), kind: "oidc" });
  assertEquals(
    [fresh.config.scopes, fresh.config.usernameClaim, fresh.config.groupsClaim],
    [["profile", "email"], "preferred_username", "groups"],
  );
});
