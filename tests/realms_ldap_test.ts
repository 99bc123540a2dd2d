// Sign-in through an LDAP realm (issue 60), against a real slapd started by the test
// (tests/support/slapd.ts): the realm is made through the API, its users sign in through
// /api/auth/login as name@realm with the role their groups give, a user in no mapped group is
// refused with the reason, the directory's failures are one sentence each, and the preview shows
// who would get which role.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { type Slapd, withSlapd } from "./support/slapd.ts";
import { jsonOf, type TestApp, withTestApp } from "./harness/test_app.ts";

/** A realm body for `slapd`, with the reader searching; `config` overrides. */
function realmBody(slapd: Slapd, config: Record<string, unknown> = {}, extra = {}) {
  return {
    label: "Test directory",
    kind: "ldap",
    config: {
      url: slapd.url,
      security: "starttls",
      caFile: slapd.caFile,
      bindDn: slapd.reader.dn,
      userBase: slapd.peopleDn,
      groupBase: slapd.groupsDn,
      roleMap: [
        { group: "vm-ops", role: "operator" },
        { group: "vm-admins", role: "admin" },
        { group: "vm-viewers", role: "viewer" },
      ],
      timeoutSeconds: 5,
      ...config,
    },
    bindPassword: slapd.reader.password,
    ...extra,
  };
}

/** Changes the directory as its admin (ldapmodify, LDIF in `ldif`). */
async function ldapModify(slapd: Slapd, ldif: string) {
  const child = new Deno.Command("ldapmodify", {
    args: ["-x", "-H", slapd.url, "-D", "cn=admin,dc=kvmm,dc=test", "-w", "admin-secret"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(ldif));
  await writer.close();
  const out = await child.output();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
}

/** POST /api/auth/login with no session or token, as a browser signing in. */
async function login(t: TestApp, user: string, password: string, realm?: string) {
  const res = await t.app.request("http://localhost/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: "" },
    body: JSON.stringify({ user, password, ...(realm ? { realm } : {}) }),
  });
  return { status: res.status, body: await res.json(), cookie: res.headers.get("set-cookie") };
}

Deno.test("realms - LDAP users sign in as name@realm with the role their groups give; others are refused with the reason", async () => {
  await withSlapd(async (slapd) => {
    await withTestApp(async (t) => {
      const put = await jsonOf(t, "PUT", "/api/realms/corp", realmBody(slapd));
      assertEquals(put.status, 200, JSON.stringify(put.body));
      assertEquals(put.body.hasBindPassword, true);
      assert(!JSON.stringify(put.body).includes(slapd.reader.password), "never answered");
      const listed = await jsonOf(t, "GET", "/api/realms");
      assertEquals(listed.body.realms.map((r: { name: string }) => r.name), ["corp"]);
      assert(!JSON.stringify(listed.body).includes(slapd.reader.password));

      const alice = await login(t, "alice", slapd.users.alice.password, "corp");
      assertEquals(alice.status, 200, JSON.stringify(alice.body));
      assertEquals([alice.body.user, alice.body.role, alice.body.source], [
        "alice@corp",
        "operator",
        "realm",
      ]);
      assertMatch(alice.cookie ?? "", /kvmm_session=/);
      // dave is in vm-viewers and vm-ops: the higher role.
      assertEquals(
        (await login(t, "dave", slapd.users.dave.password, "corp")).body.role,
        "operator",
      );
      assertEquals(
        (await login(t, "carol", slapd.users.carol.password, "corp")).body.role,
        "admin",
      );
      // Refusals through the API wait as a wrong password does (3 s): one of each kind here,
      // the rest asked of the service itself below.
      const bob = await login(t, "bob", slapd.users.bob.password, "corp");
      assertEquals([bob.status, bob.body.code], [403, "NO_ROLE"]);
      assertEquals(
        bob.body.message,
        "Account bob@corp is in no group that realm corp gives a role",
      );
      assertEquals(bob.cookie, null);
      const wrong = await login(t, "alice", "not-her-password", "corp");
      assertEquals([wrong.status, wrong.body.code], [401, "BAD_CREDENTIALS"]);
      // The same name without the realm is a host account's, through PAM: never alice@corp.
      const viaPam = await login(t, "alice@corp", slapd.users.alice.password);
      assertEquals([viaPam.status, viaPam.body.code], [401, "BAD_CREDENTIALS"]);
      const unknown = await login(t, "alice", slapd.users.alice.password, "nosuch");
      assertEquals([unknown.status, unknown.body.code], [400, "INVALID_REALM"]);

      const realms = t.ctx.auth.realms;
      // zoë, a non-ASCII uid and DN, binds and is told the same as bob and eve.
      for (const user of ["eve", "zoë"] as const) {
        const refused = await realms.signIn("corp", user, slapd.users[user].password);
        assertEquals(refused, {
          ok: false,
          user: `${user}@corp`,
          refusal: "no-role",
          reason: "NO_ROLE",
          detail: `Account ${user}@corp is in no group that realm corp gives a role`,
        });
      }
      const mallory = await realms.signIn("corp", "mallory", "x");
      assertEquals(mallory.ok ? null : [mallory.refusal, mallory.reason], [
        "bad-credentials",
        "NO_ACCOUNT",
      ]);
      // A name never adds to the search's filter: these find nobody.
      for (const name of ["*", "alice)(uid=*", "*)(|(uid=*", "alice\\2a"]) {
        const injected = await realms.signIn("corp", name, slapd.users.alice.password);
        assertEquals(injected.ok ? null : injected.reason, "NO_ACCOUNT", name);
      }
      // An entry with two values of the sign-in attribute is no account: eve, given carol's
      // uid beside her own, signs in as neither.
      await ldapModify(
        slapd,
        `dn: ${slapd.users.eve.dn}\nchangetype: modify\nadd: uid\nuid: carol\n`,
      );
      const twoNames = await realms.signIn("corp", "eve", slapd.users.eve.password);
      assertEquals(twoNames.ok ? null : twoNames.reason, "NO_ACCOUNT");
      // The directory's spelling is the account: "ALICE" signs in as alice@corp.
      const upper = await realms.signIn("corp", "ALICE", slapd.users.alice.password);
      assertEquals(upper.ok && upper.user, "alice@corp");

      // The audit log names each with the realm.
      const entries = t.ctx.audit.query({ action: "auth.login" }).entries;
      const users = entries.map((e) => `${e.user} ${e.result}`);
      assert(users.includes("alice@corp ok"), users.join(", "));
      const bobEntry = entries.find((e) => e.user === "bob@corp")!;
      assertEquals([bobEntry.errorCode, bobEntry.result], ["NO_ROLE", "denied"]);
      const aliceRefused = entries.filter((e) => e.user === "alice@corp" && e.result === "denied")
        .map((e) => e.errorCode).sort();
      // Her wrong password, and her name tried as a host account's.
      assertEquals(aliceRefused, ["BAD_CREDENTIALS", "REALM_NAME"]);
      assert(!JSON.stringify(entries).includes("not-her-password"), "no password is kept");
      assert(!JSON.stringify(entries).includes(slapd.users.alice.password));

      // An admin's assignment wins over the groups, as for host accounts.
      const assigned = await jsonOf(t, "PUT", "/api/users/alice@corp", {
        role: "viewer",
        vms: "*",
      });
      assertEquals(assigned.status, 200, JSON.stringify(assigned.body));
      const again = await login(t, "alice", slapd.users.alice.password, "corp");
      assertEquals([again.body.role, again.body.source], ["viewer", "assigned"]);
    });
  });
});

Deno.test("realms - StartTLS, LDAPS and anonymous search work; a wrong CA, a closed port and a refused search are one sentence each", async () => {
  await withSlapd(async (slapd) => {
    await withTestApp(async (t) => {
      const signIn = async (config: Record<string, unknown>, extra = {}) => {
        const put = await jsonOf(t, "PUT", "/api/realms/corp", realmBody(slapd, config, extra));
        assertEquals(put.status, 200, JSON.stringify(put.body));
        return await login(t, "alice", slapd.users.alice.password, "corp");
      };
      assertEquals((await signIn({ url: slapd.ldapsUrl, security: "ldaps" })).status, 200);
      // ldaps by name: the certificate is for localhost too.
      const byName = slapd.ldapsUrl.replace("127.0.0.1", "localhost");
      assertEquals((await signIn({ url: byName, security: "ldaps" })).status, 200);
      // Anonymous search (no bind DN): the user still binds with their own password.
      assertEquals((await signIn({ bindDn: null }, { bindPassword: null })).status, 200);

      const wrongCa = await signIn({ caFile: slapd.wrongCaFile });
      assertEquals([wrongCa.status, wrongCa.body.code], [502, "DIRECTORY_TLS_FAILED"]);
      assertMatch(wrongCa.body.message, /^The directory's certificate is not trusted \(/);
      const ldapsWrongCa = await signIn({
        url: slapd.ldapsUrl,
        security: "ldaps",
        caFile: slapd.wrongCaFile,
      });
      assertEquals(ldapsWrongCa.body.code, "DIRECTORY_TLS_FAILED");

      const closed = await signIn({ url: "ldap://127.0.0.1:1" });
      assertEquals([closed.status, closed.body.code], [502, "DIRECTORY_UNREACHABLE"]);
      assertMatch(
        closed.body.message,
        /^The directory at ldap:\/\/127\.0\.0\.1:1 cannot be reached: /,
      );

      const badReader = await signIn({}, { bindPassword: "not-the-reader-password" });
      assertEquals([badReader.status, badReader.body.code], [502, "DIRECTORY_ERROR"]);
      assertEquals(
        badReader.body.message,
        "The directory refused the realm's bindDn and bindPassword",
      );
    });
  });
});

Deno.test("realms - anonymous search refused by the directory is an error, not a wrong password", async () => {
  await withSlapd(async (slapd) => {
    await withTestApp(async (t) => {
      const put = await jsonOf(
        t,
        "PUT",
        "/api/realms/corp",
        realmBody(slapd, { bindDn: null }, { bindPassword: null }),
      );
      assertEquals(put.status, 200);
      const refused = await login(t, "alice", slapd.users.alice.password, "corp");
      // The directory lets anonymous clients only bind: the realm cannot search, which the
      // admin must hear as that, not as a wrong password.
      assertEquals([refused.status, refused.body.code], [502, "DIRECTORY_ERROR"]);
      assertEquals(
        refused.body.message,
        "The directory answered with an error: no such entry: the base DN is wrong, or the searching account may not read it",
      );
    });
  }, { anonymousRead: false });
});

Deno.test("realms - the preview shows who would get which role, for the saved realm and an unsaved edit", async () => {
  await withSlapd(async (slapd) => {
    await withTestApp(async (t) => {
      const missing = await jsonOf(t, "POST", "/api/realms/corp/preview");
      assertEquals([missing.status, missing.body.code], [404, "REALM_NOT_FOUND"]);
      // Unsaved: nothing is kept.
      const unsaved = await jsonOf(t, "POST", "/api/realms/corp/preview", realmBody(slapd));
      assertEquals(unsaved.status, 200, JSON.stringify(unsaved.body));
      assertEquals(
        unsaved.body.users.map((u: { user: string; role: string }) => `${u.user} ${u.role}`),
        ["alice@corp operator", "carol@corp admin", "dave@corp operator"],
      );
      assertEquals(unsaved.body.truncated, false);
      assertEquals((await jsonOf(t, "GET", "/api/realms")).body.realms, []);
      await jsonOf(t, "PUT", "/api/realms/corp", realmBody(slapd));
      // An edit that maps staff too: eve appears, with only that group.
      const edit = await jsonOf(
        t,
        "POST",
        "/api/realms/corp/preview",
        (({ bindPassword: _, ...rest }) => rest)(realmBody(slapd, {
          roleMap: [{ group: "staff", role: "viewer" }],
        })),
      );
      assertEquals(edit.status, 200, JSON.stringify(edit.body));
      assertEquals(edit.body.users, [{ user: "eve@corp", groups: ["staff"], role: "viewer" }]);
    });
  });
});

Deno.test("realms - the bind password is write-only and follows the realm only while its directory stays", async () => {
  await withSlapd(async (slapd) => {
    await withTestApp(async (t) => {
      await jsonOf(t, "PUT", "/api/realms/corp", realmBody(slapd));
      const { bindPassword: _, ...withoutPassword } = realmBody(slapd);
      // The same directory: the kept password stays.
      const kept = await jsonOf(t, "PUT", "/api/realms/corp", {
        ...withoutPassword,
        label: "Renamed",
      });
      assertEquals([kept.status, kept.body.hasBindPassword], [200, true]);
      assertEquals((await login(t, "alice", slapd.users.alice.password, "corp")).status, 200);
      // Another URL: it must be given again.
      const moved = await jsonOf(t, "PUT", "/api/realms/corp", {
        ...withoutPassword,
        config: { ...withoutPassword.config, url: slapd.ldapsUrl, security: "ldaps" },
      });
      assertEquals([moved.status, moved.body.code], [400, "INVALID_REALM"]);
      assertMatch(moved.body.message, /give the bind password again/);
      // Nor may it follow to a connection in clear, or to another CA, at the same URL.
      for (const change of [{ security: "none" }, { caFile: slapd.wrongCaFile }]) {
        const body = { ...withoutPassword, config: { ...withoutPassword.config, ...change } };
        const put = await jsonOf(t, "PUT", "/api/realms/corp", body);
        assertEquals([put.status, put.body.code], [400, "INVALID_REALM"], JSON.stringify(change));
        const preview = await jsonOf(t, "POST", "/api/realms/corp/preview", body);
        assertEquals(preview.body.code, "INVALID_REALM", "nor to a preview");
      }
      for (
        const [body, words] of [
          [{ ...withoutPassword, config: { ...withoutPassword.config, url: "http://x" } }, /url/],
          [
            { ...withoutPassword, config: { ...withoutPassword.config, security: "ldaps" } },
            /ldaps/,
          ],
          [
            { ...withoutPassword, config: { ...withoutPassword.config, userFilter: "uid=x" } },
            /filter/,
          ],
          [{ ...withoutPassword, bindPassword: "" }, /empty/],
          [{ ...withoutPassword, extra: 1 }, /Unknown field/],
        ] as const
      ) {
        const refused = await jsonOf(t, "PUT", "/api/realms/corp", body);
        assertEquals([refused.status, refused.body.code], [400, "INVALID_REALM"], words.source);
        assertMatch(refused.body.message, words);
      }
      const badName = await jsonOf(t, "PUT", "/api/realms/pam", realmBody(slapd));
      assertEquals([badName.status, badName.body.code], [400, "INVALID_REALM"]);
    });
  });
});

Deno.test("realms - a realm user's API token follows the directory; removing the realm ends its sessions and tokens", async () => {
  await withSlapd(async (slapd) => {
    await withTestApp(async (t) => {
      await jsonOf(t, "PUT", "/api/realms/corp", realmBody(slapd));
      const carol = await login(t, "carol", slapd.users.carol.password, "corp");
      assertEquals(carol.status, 200);
      const cookie = carol.cookie!.split(";")[0];
      const made = await t.app.request("http://localhost/api/tokens", {
        method: "POST",
        headers: { cookie, "x-csrf-token": carol.body.csrf, "content-type": "application/json" },
        body: JSON.stringify({ name: "carol-script", role: "admin" }),
      });
      assertEquals(made.status, 201);
      const { secret } = await made.json();
      const asToken = () =>
        t.app.request("http://localhost/api/realms", {
          headers: { authorization: `Bearer ${secret}` },
        });
      assertEquals((await asToken()).status, 200, "the directory still gives carol admin");
      const deleted = await jsonOf(t, "DELETE", "/api/realms/corp");
      assertEquals(deleted.status, 200);
      assertEquals((await asToken()).status, 401, "no realm: the token's owner has no grant");
      const session = await t.app.request("http://localhost/api/realms", { headers: { cookie } });
      assertEquals(session.status, 401, "carol@corp's session ended with the realm");
      const again = await login(t, "carol", slapd.users.carol.password, "corp");
      assertEquals([again.status, again.body.code], [400, "INVALID_REALM"]);
      // A realm of the same name made again gets nothing of the old one's users back.
      await jsonOf(t, "PUT", "/api/realms/corp", realmBody(slapd));
      assertEquals((await asToken()).status, 401, "the token was revoked with the realm");
    });
  });
});

Deno.test("realms - two-factor rules apply per realm: ours unless the realm says its provider asked one", async () => {
  await withSlapd(async (slapd) => {
    await withTestApp(async (t) => {
      t.ctx.auth.twofa.setRequiredRoles(["operator"], "root");
      await jsonOf(t, "PUT", "/api/realms/corp", realmBody(slapd));
      const ours = await login(t, "alice", slapd.users.alice.password, "corp");
      assertEquals(ours.status, 200);
      assertEquals([ours.body.secondFactor, ours.body.user], ["enrol", "alice@corp"]);
      assertEquals(ours.cookie?.includes("kvmm_session="), false, "no session before the step");
      await jsonOf(
        t,
        "PUT",
        "/api/realms/corp",
        realmBody(slapd, { providerSecondFactor: true }),
      );
      const theirs = await login(t, "alice", slapd.users.alice.password, "corp");
      assertEquals([theirs.status, theirs.body.user, theirs.body.role], [
        200,
        "alice@corp",
        "operator",
      ]);
      assertMatch(theirs.cookie ?? "", /kvmm_session=/);
    });
  });
});
