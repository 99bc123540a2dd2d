// Two-factor sign-in on the whole app with real host accounts (PAM): TOTP enrolment and the
// second step, recovery codes once each, the limiter on wrong codes, an admin's requirement
// (enrolment at the next sign-in) and reset; API tokens are not affected.

import type { AuthSettings } from "../../shared/auth.ts";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { accountName, withHostAccounts } from "../../tests/support/host_account.ts";
import { browser, codeAt, type SignInBrowser } from "../../tests/support/sign_in.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

const settings = (admins: string, viewers: string): AuthSettings => ({
  pamService: "kvm-manager",
  adminGroups: [admins],
  operatorGroups: [],
  viewerGroups: [viewers],
  sessionIdleMinutes: 30,
});

/** Runs `fn` with an admin (alice) and a viewer (vic), real host accounts, on the test app. */
async function withAccounts(
  fn: (t: TestApp, alice: { user: string; password: string }, vic: typeof alice) => Promise<void>,
) {
  const admins = accountName("kvmmt-2adm");
  const viewers = accountName("kvmmt-2vw");
  const alice = accountName("kvmmt-2a");
  const vic = accountName("kvmmt-2v");
  await withHostAccounts(
    [admins, viewers],
    { [alice]: [admins], [vic]: [viewers] },
    (made) =>
      withTestApp((t) => fn(t, made[alice], made[vic]), undefined, {
        auth: settings(admins, viewers),
      }),
  );
}

/** Signs in with a password and sets up TOTP; answers the seed and the recovery codes. */
async function enrolTotp(b: SignInBrowser, user: string, password: string) {
  assertEquals((await b.send("POST", "/api/auth/login", { user, password })).status, 200);
  const seed = await b.send("POST", "/api/me/two-factor/totp");
  assertEquals(seed.status, 200);
  assertMatch(seed.body.uri, /^otpauth:\/\/totp\//);
  assertMatch(seed.body.qrSvg, /^<svg /);
  const confirmed = await b.send("POST", "/api/me/two-factor/totp-confirm", {
    code: codeAt(user, seed.body.secret),
  });
  assertEquals(confirmed.status, 200, JSON.stringify(confirmed.body));
  return { secret: seed.body.secret as string, codes: confirmed.body.recoveryCodes as string[] };
}

Deno.test("twofa - TOTP: the password alone opens no session, a code or a recovery code (once) does", async () => {
  await withAccounts(async (t, alice) => {
    const b = browser(t, "10.8.0.1");
    assertEquals((await b.send("POST", "/api/auth/login", alice)).status, 200);
    assertEquals((await b.send("GET", "/api/me/two-factor")).body.totp, false);
    // An API token cannot change its owner's factors.
    const token = t.ctx.auth.tokens.create({ name: "tok", owner: alice.user, role: "admin" });
    const byToken = await t.app.request("http://localhost/api/me/two-factor/totp", {
      method: "POST",
      headers: { authorization: `Bearer ${token.secret}` },
    });
    assertEquals(byToken.status, 403);
    const seed = await b.send("POST", "/api/me/two-factor/totp");
    const wrong = await b.send("POST", "/api/me/two-factor/totp-confirm", { code: "000000" });
    assertEquals([wrong.status, wrong.body.code], [400, "WRONG_CODE"]);
    // The time the enrolment's code was made: the replay below must use that same 30-second
    // step, not whichever step the clock has reached by then.
    const enrolledAt = Date.now();
    const ok = await b.send("POST", "/api/me/two-factor/totp-confirm", {
      code: codeAt(alice.user, seed.body.secret, enrolledAt),
    });
    assertEquals(ok.status, 200);
    const codes: string[] = ok.body.recoveryCodes;
    assertEquals(codes.length, 10);
    assertEquals(new Set(codes).size, 10);
    const status = await b.send("GET", "/api/me/two-factor");
    assertEquals([status.body.totp, status.body.recoveryLeft], [true, 10]);
    assert(!JSON.stringify(status.body).includes(seed.body.secret), "the seed is never answered");
    // A second enrolment is refused while one is set up.
    assertEquals((await b.send("POST", "/api/me/two-factor/totp")).body.code, "TWOFA_ENROLLED");
    // The store keeps the codes hashed only.
    const kept = t.ctx.auth.twofa.store.db.prepare("SELECT code_hash FROM twofa_recovery").all();
    assert(!JSON.stringify(kept).includes(codes[0]), "recovery codes are stored hashed");
    assertEquals((await b.send("POST", "/api/auth/logout")).status, 200);

    // The password step: no session, only the second step's cookie.
    const c = browser(t, "10.8.0.2");
    const step = await c.send("POST", "/api/auth/login", alice);
    assertEquals(step.status, 200);
    assertEquals(step.body, {
      secondFactor: "verify",
      user: alice.user,
      methods: ["totp", "recovery"],
    });
    assert(!c.jar.has("kvmm_session"), "no session after the password alone");
    assert(c.jar.has("kvmm_2fa"));
    assertEquals((await c.send("GET", "/api/auth/me")).status, 401);
    assertEquals((await c.send("GET", "/api/vms")).status, 401);
    const bad = await c.send("POST", "/api/auth/second-factor/verify", { code: "123456" });
    assertEquals([bad.status, bad.body.code], [400, "WRONG_CODE"]);
    // The code the enrolment used is not taken again; the next step's is.
    const replay = await c.send("POST", "/api/auth/second-factor/verify", {
      code: codeAt(alice.user, seed.body.secret, enrolledAt),
    });
    assertEquals(replay.body.code, "WRONG_CODE");
    const next = await c.send("POST", "/api/auth/second-factor/verify", {
      code: codeAt(alice.user, seed.body.secret, enrolledAt + 30_000),
    });
    assertEquals([next.status, next.body.user, next.body.method], [200, alice.user, "totp"]);
    assert(c.jar.has("kvmm_session") && !c.jar.has("kvmm_2fa"));
    assertEquals((await c.send("GET", "/api/auth/me")).body.user, alice.user);

    // A recovery code works once, typed in any case and with spaces.
    const d = browser(t, "10.8.0.3");
    await d.send("POST", "/api/auth/login", alice);
    const used = await d.send("POST", "/api/auth/second-factor/verify", {
      code: ` ${codes[3].toLowerCase().replace("-", " ")} `,
    });
    assertEquals([used.status, used.body.method], [200, "recovery"]);
    const e = browser(t, "10.8.0.4");
    await e.send("POST", "/api/auth/login", alice);
    assertEquals(
      (await e.send("POST", "/api/auth/second-factor/verify", { code: codes[3] })).body.code,
      "WRONG_CODE",
    );
    assertEquals((await d.send("GET", "/api/me/two-factor")).body.recoveryLeft, 9);
    // Without the cookie of the password step there is nothing to verify.
    const stranger = browser(t, "10.8.0.5");
    assertEquals(
      (await stranger.send("POST", "/api/auth/second-factor/verify", { code: codes[4] })).status,
      401,
    );
    // API tokens are the machine path: no second factor.
    const vms = await t.app.request("http://localhost/api/vms", {
      headers: { authorization: `Bearer ${token.secret}` },
    });
    assertEquals(vms.status, 200);
    await vms.body?.cancel();
    const audit = t.ctx.audit.query({ user: alice.user, action: "auth.login" }).entries;
    assert(
      audit.some((a) => a.status === 400 && a.errorCode === "WRONG_CODE"),
      "wrong codes audited",
    );
  });
});

Deno.test("twofa - the sign-in limiter blocks repeated wrong second-step codes", async () => {
  await withAccounts(async (t, alice) => {
    const { secret } = await enrolTotp(browser(t, "10.8.1.1"), alice.user, alice.password);
    const b = browser(t, "10.8.1.2");
    assertEquals((await b.send("POST", "/api/auth/login", alice)).body.secondFactor, "verify");
    // The password took one of the address's ten slots; nine wrong codes take the rest.
    for (let i = 0; i < 9; i++) {
      assertEquals(
        (await b.send("POST", "/api/auth/second-factor/verify", { code: "000000" })).status,
        400,
      );
    }
    const blocked = await b.send("POST", "/api/auth/second-factor/verify", {
      code: codeAt(alice.user, secret, Date.now() + 30_000),
    });
    assertEquals([blocked.status, blocked.body.code], [429, "TOO_MANY_ATTEMPTS"]);
    assert(!b.jar.has("kvmm_session"));
  });
});

Deno.test("twofa - an admin's requirement forces enrolment at the next sign-in; reset clears it", async () => {
  await withAccounts(async (t, alice, vic) => {
    const admin = browser(t, "10.8.2.1");
    await admin.send("POST", "/api/auth/login", alice);
    const bad = await admin.send("PUT", "/api/two-factor-policy/roles", { roles: ["boss"] });
    assertEquals(bad.status, 400);
    const put = await admin.send("PUT", "/api/two-factor-policy/roles", { roles: ["viewer"] });
    assertEquals([put.status, put.body.requiredRoles], [200, ["viewer"]]);

    const v = browser(t, "10.8.2.2");
    const step = await v.send("POST", "/api/auth/login", vic);
    assertEquals(step.body, { secondFactor: "enrol", user: vic.user, methods: [] });
    assert(!v.jar.has("kvmm_session"));
    assertEquals(
      (await v.send("POST", "/api/auth/second-factor/verify", { code: "000000" })).status,
      409,
    );
    const seed = await v.send("POST", "/api/auth/second-factor/enrol-totp");
    assertEquals(seed.status, 200);
    const done = await v.send("POST", "/api/auth/second-factor/enrol-totp-confirm", {
      code: codeAt(vic.user, seed.body.secret),
    });
    assertEquals([done.status, done.body.role, done.body.recoveryCodes.length], [
      200,
      "viewer",
      10,
    ]);
    assert(v.jar.has("kvmm_session"));
    // Its last factor stays while the role requires one.
    const keep = await v.send("DELETE", "/api/me/two-factor/totp");
    assertEquals([keep.status, keep.body.code], [409, "TWOFA_REQUIRED"]);
    // Only admins set the policy.
    assertEquals((await v.send("PUT", "/api/two-factor-policy/roles", { roles: [] })).status, 403);

    const policy = await admin.send("GET", "/api/two-factor-policy");
    assertEquals(policy.body.accounts, [{ user: vic.user, totp: true, keys: 0, recoveryLeft: 10 }]);
    assertEquals(
      (await admin.send("DELETE", `/api/two-factor-policy/accounts/${alice.user}`)).status,
      400,
    );
    const reset = await admin.send("DELETE", `/api/two-factor-policy/accounts/${vic.user}`);
    assertEquals([reset.status, reset.body.accounts], [200, []]);
    const again = await browser(t, "10.8.2.3").send("POST", "/api/auth/login", vic);
    assertEquals(again.body.secondFactor, "enrol");
    // Without the requirement, a reset account signs in with its password alone.
    await admin.send("PUT", "/api/two-factor-policy/roles", { roles: [] });
    const plain = await browser(t, "10.8.2.4").send("POST", "/api/auth/login", vic);
    assertEquals([plain.body.user, typeof plain.body.csrf], [vic.user, "string"]);
  });
});
