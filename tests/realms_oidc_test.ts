// Sign-in through an OpenID Connect realm (issue 60), against a real provider started by the
// test (tests/support/oidc_provider.ts, the npm oidc-provider package): code flow with PKCE,
// the session opened for name@realm with the role of the groups claim, a user in no mapped group
// sent back to the sign-in page with the reason, a callback from another browser refused, and an
// unreachable provider one sentence. The browser side is tests/realms_browser_test.ts.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { browser, codeAt } from "./support/sign_in.ts";
import {
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_IMPOSTOR,
  type OidcProvider,
  signInAt,
  withOidcProvider,
} from "./support/oidc_provider.ts";
import { jsonOf, type TestApp, withTestApp } from "./harness/test_app.ts";

/** Where the test app's callback is, as its requests address it. */
const CALLBACK = "http://localhost/api/auth/oidc/callback";

function realmBody(provider: OidcProvider, config: Record<string, unknown> = {}) {
  return {
    label: "Company SSO",
    kind: "oidc",
    config: {
      issuer: provider.issuer,
      clientId: OIDC_CLIENT_ID,
      scopes: ["profile", "groups"],
      roleMap: [{ group: "vm-ops", role: "operator" }, { group: "vm-admins", role: "admin" }],
      timeoutSeconds: 5,
      ...config,
    },
    clientSecret: OIDC_CLIENT_SECRET,
  };
}

/** A request with no session or token, carrying `cookie`. */
const anonymous = (t: TestApp, url: string, cookie = "") =>
  t.app.request(url.startsWith("http") ? url : `http://localhost${url}`, { headers: { cookie } });

/** The cookie pair a response set under `name` ("name=value"), or "". */
function cookieOf(res: Response, name: string): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return set ? set.split(";")[0] : "";
}

/**
 * Signs `account` in at the provider the way a browser would: start (our cookie), the provider's
 * pages, then our callback with that cookie. Answers the callback's response.
 */
async function signIn(t: TestApp, realm: string, account: string, cookie?: string) {
  const start = await anonymous(t, `/api/auth/oidc/${realm}/start`);
  assertEquals(start.status, 302, await start.clone().text());
  const back = await signInAt(start.headers.get("location")!, account);
  assert(back.startsWith(CALLBACK), back);
  return await anonymous(t, back, cookie ?? cookieOf(start, "kvmm_oidc"));
}

/** Where a callback's page takes the browser. */
async function movesTo(res: Response): Promise<string> {
  assertEquals(res.status, 200);
  return /content="0;url=([^"]+)"/.exec(await res.text())![1].replace(/&amp;/g, "&");
}

Deno.test("oidc realms - a provider's user signs in as name@realm with the role of their groups claim; others are told why", async () => {
  await withOidcProvider([CALLBACK], async (provider) => {
    await withTestApp(async (t) => {
      const put = await jsonOf(t, "PUT", "/api/realms/sso", realmBody(provider));
      assertEquals(put.status, 200, JSON.stringify(put.body));
      assertEquals([put.body.kind, put.body.hasClientSecret], ["oidc", true]);
      assert(!JSON.stringify(put.body).includes(OIDC_CLIENT_SECRET), "never answered");

      const alice = await signIn(t, "sso", "alice");
      const session = cookieOf(alice, "kvmm_session");
      assertMatch(session, /^kvmm_session=./);
      assertEquals(await movesTo(alice), "/");
      const me = await anonymous(t, "/api/auth/me", session);
      const who = await me.json();
      assertEquals([who.user, who.role, who.via], ["alice@sso", "operator", "session"]);
      assertEquals((await signIn(t, "sso", "carol")).status, 200);
      // Signing out goes on to the provider's sign-out, which comes back to our sign-in page.
      const out = await t.app.request("http://localhost/api/auth/logout", {
        method: "POST",
        headers: { cookie: session, "x-csrf-token": who.csrf },
      });
      const { logoutUrl } = await out.json();
      assertEquals(out.status, 200);
      const end = new URL(logoutUrl);
      assertEquals(end.origin, provider.issuer);
      assertEquals(end.searchParams.get("post_logout_redirect_uri"), "http://localhost/login");
      assertEquals(end.searchParams.get("client_id"), OIDC_CLIENT_ID);
      const confirm = await fetch(end, { redirect: "manual" });
      assertEquals(confirm.status, 200, "the provider asks to confirm its sign-out");
      await confirm.body?.cancel();
      assertEquals((await anonymous(t, "/api/auth/me", session)).status, 401, "ours ended");

      // bob's groups claim maps to nothing: back to the sign-in page, the reason kept for it.
      const bob = await signIn(t, "sso", "bob");
      assertEquals(cookieOf(bob, "kvmm_session"), "");
      const failed = /\/login\?failed=(.+)$/.exec(await movesTo(bob))![1];
      assertEquals(t.ctx.auth.realms.flows.failure(failed), {
        code: "NO_ROLE",
        message: "Account bob@sso is in no group that realm sso gives a role",
      });
      assertEquals(
        t.ctx.auth.realms.flows.failure(failed)?.code,
        "NO_ROLE",
        "told again: a prefetch must not use it up",
      );

      // Another browser (without the cookie the start set) cannot finish a sign-in.
      const stolen = await signIn(t, "sso", "alice", "kvmm_oidc=someone-else");
      assertEquals(cookieOf(stolen, "kvmm_session"), "");
      const refused = /failed=(.+)$/.exec(await movesTo(stolen))![1];
      assertEquals(t.ctx.auth.realms.flows.failure(refused)?.code, "INVALID_REALM");

      const entries = t.ctx.audit.query({ action: "auth.login" }).entries;
      const seen = entries.map((e) => `${e.user} ${e.result} ${e.errorCode ?? ""}`.trim());
      assert(seen.includes("alice@sso ok"), seen.join(", "));
      assert(seen.includes("bob@sso denied NO_ROLE"), seen.join(", "));
    });
  });
});

Deno.test("oidc realms - an unreachable provider is one sentence; a password sign-in is refused; tokens are not theirs", async () => {
  await withOidcProvider([CALLBACK], async (provider) => {
    await withTestApp(async (t) => {
      await jsonOf(
        t,
        "PUT",
        "/api/realms/gone",
        realmBody(provider, {
          issuer: "http://127.0.0.1:1",
        }),
      );
      const start = await anonymous(t, "/api/auth/oidc/gone/start");
      const body = await start.json();
      assertEquals([start.status, body.code], [502, "PROVIDER_UNREACHABLE"]);
      assertMatch(body.message, /^The provider at http:\/\/127\.0\.0\.1:1 cannot be reached: /);

      await jsonOf(t, "PUT", "/api/realms/sso", realmBody(provider));
      const password = await t.app.request("http://localhost/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: "" },
        body: JSON.stringify({ user: "alice", password: "x", realm: "sso" }),
      });
      assertEquals((await password.json()).code, "INVALID_REALM");

      const carol = await signIn(t, "sso", "carol");
      const session = cookieOf(carol, "kvmm_session");
      const me = await (await anonymous(t, "/api/auth/me", session)).json();
      assertEquals([me.user, me.role], ["carol@sso", "admin"]);
      const token = await t.app.request("http://localhost/api/tokens", {
        method: "POST",
        headers: { cookie: session, "x-csrf-token": me.csrf, "content-type": "application/json" },
        body: JSON.stringify({ name: "carol-script", role: "viewer" }),
      });
      assertEquals([token.status, (await token.json()).code], [403, "FORBIDDEN"]);

      // The client secret follows the realm only while issuer and client stay.
      const { clientSecret: _, ...kept } = realmBody(provider);
      assertEquals((await jsonOf(t, "PUT", "/api/realms/sso", kept)).body.hasClientSecret, true);
      const moved = await jsonOf(t, "PUT", "/api/realms/sso", {
        ...kept,
        config: { ...kept.config, issuer: "https://elsewhere.example" },
      });
      assertEquals([moved.status, moved.body.code], [400, "INVALID_REALM"]);
      assertMatch(moved.body.message, /give the client secret again/);
      const preview = await jsonOf(t, "POST", "/api/realms/sso/preview");
      assertEquals([preview.status, preview.body.code], [400, "INVALID_REALM"]);
    });
  });
});

Deno.test("oidc realms - a name is held by the provider's account that first used it; sign-ins under way are bounded per address", async () => {
  await withOidcProvider([CALLBACK], async (provider) => {
    await withTestApp(async (t) => {
      await jsonOf(t, "PUT", "/api/realms/sso", realmBody(provider));
      assertMatch(cookieOf(await signIn(t, "sso", "alice"), "kvmm_session"), /^kvmm_session=./);
      // Another account at the provider, also preferred_username "alice": refused, never alice.
      const impostor = await signIn(t, "sso", OIDC_IMPOSTOR);
      assertEquals(cookieOf(impostor, "kvmm_session"), "");
      const id = /failed=(.+)$/.exec(await movesTo(impostor))![1];
      assertEquals(t.ctx.auth.realms.flows.failure(id), {
        code: "NO_ROLE",
        message:
          "alice@sso is held by another account of the provider (its subject differs): an admin can free the name by removing and adding the realm",
      });
      // Removing the realm frees its names.
      await jsonOf(t, "DELETE", "/api/realms/sso");
      await jsonOf(t, "PUT", "/api/realms/sso", realmBody(provider));
      assertMatch(cookieOf(await signIn(t, "sso", OIDC_IMPOSTOR), "kvmm_session"), /./);

      // One address may have ten sign-ins under way; the eleventh is refused, not someone's.
      const starts = [];
      for (let i = 0; i < 11; i++) starts.push(await anonymous(t, "/api/auth/oidc/sso/start"));
      assertEquals(starts.slice(0, 10).map((r) => r.status), Array(10).fill(302));
      assertEquals(starts[10].status, 429);
      assertEquals((await starts[10].json()).code, "TOO_MANY_ATTEMPTS");
    });
  });
});

Deno.test("oidc realms - a second factor the role requires is set up and asked after the provider", async () => {
  await withOidcProvider([CALLBACK], async (provider) => {
    await withTestApp(async (t) => {
      t.ctx.auth.twofa.setRequiredRoles(["operator"], "root");
      await jsonOf(t, "PUT", "/api/realms/sso", realmBody(provider));
      const back = await signIn(t, "sso", "alice");
      assertEquals(cookieOf(back, "kvmm_session"), "", "no session before the second step");
      const step = new URL(await movesTo(back), "http://localhost").searchParams;
      assertEquals([step.get("second"), step.get("user")], ["enrol", "alice@sso"]);
      // The browser holds the second step's cookie; it enrols an authenticator app there.
      const b = browser(t);
      b.jar.set("kvmm_2fa", cookieOf(back, "kvmm_2fa").split("=")[1]);
      const seed = await b.send("POST", "/api/auth/second-factor/enrol-totp");
      assertEquals(seed.status, 200, JSON.stringify(seed.body));
      const done = await b.send("POST", "/api/auth/second-factor/enrol-totp-confirm", {
        code: codeAt("alice@sso", seed.body.secret),
      });
      assertEquals(done.status, 200, JSON.stringify(done.body));
      assertEquals([done.body.user, done.body.role], ["alice@sso", "operator"]);
    });
  });
});
