import { assertEquals } from "../../tests/support/assert.ts";
import type { LdapRealm } from "./realms_api.ts";
import { newRealmDraft, realmBody, realmDraft, roleRows, securityFor } from "./realm_form.ts";

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
  assertEquals(realmBody({ ...draft, bindPassword: "s3cret" }).bindPassword, "s3cret");
  assertEquals(
    realmBody({ ...draft, bindPassword: "s3cret", removePassword: true }).bindPassword,
    null,
  );
  const anonymous = realmBody({ ...draft, bindDn: " ", bindPassword: "x" });
  assertEquals([anonymous.config.bindDn, anonymous.bindPassword], [null, null]);
});

Deno.test("realm form - a new realm has the API's defaults; empty optional fields are null, blank groups left out", () => {
  const body = realmBody({
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
