// The second step of a sign-in on the whole app, with host accounts from a table in place of PAM
// (the app's own logic runs; PAM itself: lib/auth/pam_test.ts, routes/api/twofa_test.ts): a stale
// enrolment adds no factor after the owner's, a name in other letter case does not lead past a
// factor, the session takes the role the account has at the second step, and API tokens cannot
// change the two-factor policy.

import type { AuthSettings } from "../../shared/auth.ts";
import type { HostAccounts } from "../../lib/auth/pam.ts";
import { AppError } from "../../lib/errors.ts";
import { assert, assertEquals, assertMatch, assertThrows } from "../../tests/support/assert.ts";
import { SoftKey } from "../../tests/support/soft_key.ts";
import { browser, codeAt } from "../../tests/support/sign_in.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

const ORIGIN = "http://localhost";

type Table = Record<string, { password: string; groups: string[] }>;

/**
 * Host accounts from `table`. `caseInsensitive`: the directory finds "Alice" for "alice", as
 * sssd with Active Directory or winbind do, and answers the name as it keeps it.
 */
function accountsOf(table: Table, { caseInsensitive = false } = {}): HostAccounts {
  const find = (user: string) => {
    const name = caseInsensitive ? user.toLowerCase() : user;
    return Object.hasOwn(table, name) ? { name, ...table[name] } : null;
  };
  return {
    authenticate: (user, password) =>
      Promise.resolve(
        find(user)?.password === password
          ? { ok: true }
          : { ok: false, reason: "bad-credentials", message: "Authentication failure" },
      ),
    groupsOf: (user) => Promise.resolve(find(user)?.groups ?? null),
    canonicalName: (user) => Promise.resolve(find(user)?.name ?? null),
    close: () => {},
  };
}

const SETTINGS: AuthSettings = {
  pamService: "kvm-manager",
  adminGroups: ["admins"],
  operatorGroups: ["operators"],
  viewerGroups: ["viewers"],
  sessionIdleMinutes: 30,
};

const ALICE = { user: "alice", password: "pw-alice" };
const ROOT = { user: "boss", password: "pw-boss" };

/** The test app with alice (admin) and boss (admin) as its host accounts. */
function withAccounts(
  fn: (t: TestApp, table: Table) => Promise<void>,
  { caseInsensitive = false } = {},
) {
  const table: Table = {
    alice: { password: ALICE.password, groups: ["alice", "admins"] },
    boss: { password: ROOT.password, groups: ["boss", "admins"] },
  };
  return withTestApp((t) => fn(t, table), undefined, {
    auth: SETTINGS,
    accounts: accountsOf(table, { caseInsensitive }),
  });
}

/** Signs in with a password and sets up TOTP from the account page; answers the seed, codes. */
async function enrolTotp(t: TestApp, who = ALICE) {
  const b = browser(t);
  assertEquals((await b.send("POST", "/api/auth/login", who)).status, 200);
  const seed = await b.send("POST", "/api/me/two-factor/totp");
  const ok = await b.send("POST", "/api/me/two-factor/totp-confirm", {
    code: codeAt(who.user, seed.body.secret),
  });
  assertEquals(ok.status, 200, JSON.stringify(ok.body));
  return { secret: seed.body.secret as string, codes: ok.body.recoveryCodes as string[] };
}

Deno.test("second step - a stale enrolment sign-in adds no key once the owner has enrolled", async () => {
  await withAccounts(async (t) => {
    t.ctx.auth.twofa.setRequiredRoles(["admin"], "test");
    // Someone with alice's password only, then alice herself: both are told to enrol.
    const stranger = browser(t);
    assertEquals(
      (await stranger.send("POST", "/api/auth/login", ALICE)).body.secondFactor,
      "enrol",
    );
    const owner = browser(t);
    assertEquals((await owner.send("POST", "/api/auth/login", ALICE)).body.secondFactor, "enrol");
    const seed = await owner.send("POST", "/api/auth/second-factor/enrol-totp");
    const done = await owner.send("POST", "/api/auth/second-factor/enrol-totp-confirm", {
      code: codeAt(ALICE.user, seed.body.secret),
    });
    assertEquals(done.status, 200, JSON.stringify(done.body));

    const options = await stranger.send("POST", "/api/auth/second-factor/enrol-key-options");
    const key = await SoftKey.create();
    const added = await stranger.send("POST", "/api/auth/second-factor/enrol-key", {
      response: options.status === 200 ? await key.register(options.body, ORIGIN) : {},
    });
    assertEquals(options.status, 401, "the owner's enrolment ended the stale sign-in");
    assertEquals(added.status, 401);
    assert(!stranger.jar.has("kvmm_session"));
    assertEquals(t.ctx.auth.twofa.keys(ALICE.user), []);
    assertEquals(
      (await stranger.send("POST", "/api/auth/second-factor/enrol-totp")).status,
      401,
    );
  });
});

Deno.test("second step - an enrolment sign-in is refused when the account has a factor by now", async () => {
  await withAccounts(async (t) => {
    await enrolTotp(t);
    t.ctx.auth.twofa.setRequiredRoles(["admin"], "test");
    // A sign-in told to enrol before the factor came (one the factor did not end).
    const stale = browser(t);
    stale.jar.set(
      "kvmm_2fa",
      t.ctx.auth.pending.create({ user: ALICE.user, ip: "x", enrol: true }),
    );
    const seed = await stale.send("POST", "/api/auth/second-factor/enrol-totp");
    assertEquals([seed.status, seed.body.code], [409, "TWOFA_ENROLLED"]);
    // ... and it ends there.
    assertEquals(
      (await stale.send("POST", "/api/auth/second-factor/enrol-key-options")).status,
      401,
    );

    // The store write itself refuses a first factor for an enrolled account (a race past the
    // route's check), and a later one from the account page still goes in.
    const stored = {
      id: "k1",
      user: ALICE.user,
      name: "key",
      publicKey: "pk",
      counter: 0,
      transports: [],
    };
    const twofa = t.ctx.auth.twofa;
    assertEquals(
      assertThrows(() => twofa.addKey(stored, { first: true }), AppError).code,
      "TWOFA_ENROLLED",
    );
    assertEquals(twofa.keys(ALICE.user), []);
    twofa.addKey({ ...stored, id: "k2" });
    assertEquals(twofa.keys(ALICE.user).length, 1);
  });
});

Deno.test("second step - a factor added from the account page ends the account's pending sign-ins", async () => {
  await withAccounts(async (t) => {
    const owner = browser(t);
    await owner.send("POST", "/api/auth/login", ALICE);
    t.ctx.auth.twofa.setRequiredRoles(["admin"], "test");
    const stranger = browser(t);
    assertEquals(
      (await stranger.send("POST", "/api/auth/login", ALICE)).body.secondFactor,
      "enrol",
    );
    const seed = await owner.send("POST", "/api/me/two-factor/totp");
    await owner.send("POST", "/api/me/two-factor/totp-confirm", {
      code: codeAt(ALICE.user, seed.body.secret),
    });
    assertEquals((await stranger.send("POST", "/api/auth/second-factor/enrol-totp")).status, 401);
  });
});

Deno.test("second step - a user name in other letter case does not lead past the factor", async () => {
  await withAccounts(async (t) => {
    await enrolTotp(t);
    const b = browser(t);
    const upper = await b.send("POST", "/api/auth/login", { ...ALICE, user: "Alice" });
    assertEquals([upper.status, upper.body.code], [401, "BAD_CREDENTIALS"]);
    assertMatch(upper.body.message, /Sign in as alice/);
    assert(!b.jar.has("kvmm_session") && !b.jar.has("kvmm_2fa"));
    assertEquals((await b.send("GET", "/api/auth/me")).status, 401);
    // The name as the host spells it goes on to the second step.
    const right = await b.send("POST", "/api/auth/login", ALICE);
    assertEquals(right.body.secondFactor, "verify");
  }, { caseInsensitive: true });
});

Deno.test("second step - the session opens with the role the account has at the second step", async () => {
  await withAccounts(async (t, table) => {
    const { secret, codes } = await enrolTotp(t);
    // An admin's assignment between the password and the code.
    const b = browser(t);
    assertEquals((await b.send("POST", "/api/auth/login", ALICE)).body.secondFactor, "verify");
    const assigned = await t.req("PUT", "/api/users/alice", { role: "viewer" });
    assertEquals(assigned.status, 200);
    await assigned.body?.cancel();
    const opened = await b.send("POST", "/api/auth/second-factor/verify", {
      code: codeAt(ALICE.user, secret, Date.now() + 30_000),
    });
    assertEquals([opened.status, opened.body.role], [200, "viewer"]);
    assertEquals((await b.send("GET", "/api/auth/me")).body.role, "viewer");
    const unassigned = await t.req("DELETE", "/api/users/alice");
    await unassigned.body?.cancel();

    // Host groups changed between the steps: out of every role group, no session at all.
    const c = browser(t);
    assertEquals((await c.send("POST", "/api/auth/login", ALICE)).body.secondFactor, "verify");
    table.alice.groups = ["alice"];
    const refused = await c.send("POST", "/api/auth/second-factor/verify", { code: codes[0] });
    assertEquals([refused.status, refused.body.code], [401, "ACCOUNT_UNAVAILABLE"]);
    assert(!c.jar.has("kvmm_session"));
  });
});

Deno.test("second step - an admin API token may not change the two-factor policy or reset factors", async () => {
  await withAccounts(async (t) => {
    await enrolTotp(t, ROOT);
    const policy = await t.req("PUT", "/api/two-factor-policy/roles", { roles: ["viewer"] });
    const reset = await t.req("DELETE", "/api/two-factor-policy/accounts/boss");
    const answers = [await policy.json(), await reset.json()];
    assertEquals([policy.status, reset.status], [403, 403]);
    for (const a of answers) {
      assertEquals(a.code, "FORBIDDEN");
      assertMatch(a.message, /signed-in browser, not with an API token/);
    }
    assertEquals(t.ctx.auth.twofa.requiredRoles(), []);
    assertEquals(t.ctx.auth.twofa.accounts(), ["boss"]);
    // Reading the policy stays open to admin tokens; an admin's browser session changes it.
    const read = await t.req("GET", "/api/two-factor-policy");
    assertEquals(read.status, 200);
    await read.body?.cancel();
    const admin = browser(t);
    await admin.send("POST", "/api/auth/login", ALICE);
    const put = await admin.send("PUT", "/api/two-factor-policy/roles", { roles: ["viewer"] });
    assertEquals([put.status, put.body.requiredRoles], [200, ["viewer"]]);
    const cleared = await admin.send("DELETE", "/api/two-factor-policy/accounts/boss");
    assertEquals([cleared.status, cleared.body.accounts], [200, []]);
  });
});
