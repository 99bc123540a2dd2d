// Sign-in and what it guards, on the whole app: every route refuses a caller without a session,
// changes need the CSRF token, roles are enforced by the API, console tickets are bound to one
// user and VM, and a real host account signs in through PAM.

import type { AuthSettings, Role } from "../../shared/auth.ts";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import {
  MAX_PENDING,
  PAM_CHECKS_AT_ONCE,
  PENDING_RETRY_AFTER_S,
} from "../../lib/auth/login_limiter.ts";
import { accountName, runPasswdTool, withHostAccounts } from "../../tests/support/host_account.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

/** Routes anyone may reach: the sign-in page, its call, and static code and styles. */
const PUBLIC = new Set([
  "GET /login",
  "POST /api/auth/login",
  "GET /static/:path{.+}",
  // Sign-in at an OpenID Connect realm's provider, and its way back (routes/api/oidc.ts).
  "GET /api/auth/oidc/:realm/start",
  "GET /api/auth/oidc/callback",
]);

const SECURITY_HEADERS = [
  "content-security-policy",
  "x-frame-options",
  "x-content-type-options",
  "referrer-policy",
];

const anonymous = (t: TestApp, method: string, path: string, init: RequestInit = {}) =>
  t.app.request(`http://localhost${path}`, {
    method,
    ...init,
    // A cookie header (even an empty one) stops the test helper from adding its admin token.
    headers: { cookie: "", ...init.headers as Record<string, string> },
  });

const cookieFor = (
  t: TestApp,
  user: string,
  role: "admin" | "operator" | "viewer",
  vms: "*" | string[] = "*",
) => {
  const { secret, csrf } = t.ctx.auth.sessions.create(user, role, vms, null);
  return { cookie: `kvmm_session=${secret}`, csrf };
};

/**
 * A token owned by root (always admin), so only its own role limits it: a token acts with the
 * lower of its role and its owner's current one.
 */
const tokenAs = (t: TestApp, role: Role, vms: "*" | string[] = "*") =>
  t.ctx.auth.tokens.create({ name: `test-${crypto.randomUUID()}`, owner: "root", role, vms })
    .secret;

const vmId = async (t: TestApp, name: string) =>
  ((await (await t.req("GET", "/api/vms")).json()) as { id: string; name: string }[])
    .find((v) => v.name === name)!.id;

Deno.test("every route without a session answers 401, except the sign-in page and static files", async () => {
  await withTestApp(async (t) => {
    const routes = t.app.routes.filter((r) => r.method !== "ALL");
    assert(routes.length > 100, `the walk found ${routes.length} routes`);
    const open: string[] = [];
    const missing: string[] = [];
    for (const r of routes) {
      const path = r.path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, "x").replace(/\*$/, "x");
      const res = await anonymous(t, r.method, path, {
        headers: { accept: "application/json", "content-type": "application/json" },
        body: r.method === "GET" || r.method === "HEAD" ? undefined : "{}",
      });
      await res.body?.cancel();
      if (res.status !== 401) open.push(`${r.method} ${r.path} → ${res.status}`);
      for (const h of SECURITY_HEADERS) {
        if (!res.headers.get(h)) missing.push(`${h} on ${r.method} ${r.path}`);
      }
      if ([...res.headers.keys()].some((k) => k.startsWith("access-control-"))) {
        missing.push(`a CORS header on ${r.method} ${r.path}`);
      }
    }
    const unexpected = open.filter((o) => !PUBLIC.has(o.split(" → ")[0]));
    assertEquals(unexpected, [], "only the public routes answer without a session");
    assertEquals(missing, [], "every answer carries the security headers and no CORS");
    // A browser asking for a page gets the sign-in form, with 401, at the same address.
    const page = await anonymous(t, "GET", "/vms", { headers: { accept: "text/html" } });
    assertEquals(page.status, 401);
    assertMatch(page.headers.get("content-security-policy")!, /script-src 'self'/);
    assertEquals(page.headers.get("x-frame-options"), "DENY");
    assertMatch(await page.text(), /Sign in with an account of this host/);
    const api = await anonymous(t, "GET", "/api/vms");
    assertEquals(await api.json(), {
      code: "UNAUTHENTICATED",
      message: "Sign in to use KVM Manager",
    });
    const forged = await anonymous(t, "GET", "/api/vms", {
      headers: { cookie: "kvmm_session=forged", authorization: "" },
    });
    assertEquals(forged.status, 401);
    const badToken = await anonymous(t, "GET", "/api/vms", {
      headers: { authorization: "Bearer kvmm_0000000000000000_nope" },
    });
    assertEquals((await badToken.json()).message, "The API token is unknown or revoked");
  });
});

Deno.test("a change made with the session cookie but without the CSRF token is refused and changes nothing", async () => {
  await withTestApp(async (t) => {
    const db = await vmId(t, "db");
    const { cookie, csrf } = cookieFor(t, "root", "admin");
    const noToken = await anonymous(t, "POST", `/api/vms/${db}/start`, { headers: { cookie } });
    assertEquals(noToken.status, 403);
    assertEquals((await noToken.json()).code, "CSRF_FAILED");
    const wrong = await anonymous(t, "POST", "/api/templates", {
      headers: { cookie, "x-csrf-token": "x".repeat(43), "content-type": "application/json" },
      body: JSON.stringify({ name: "t1", config: {} }),
    });
    assertEquals(wrong.status, 403);
    assertEquals((await (await t.req("GET", `/api/vms/${db}`)).json()).state, "stopped");
    assertEquals(await (await t.req("GET", "/api/templates")).json(), []);
    // With the token the same change goes through.
    const ok = await anonymous(t, "POST", `/api/vms/${db}/start`, {
      headers: { cookie, "x-csrf-token": csrf },
    });
    assertEquals(ok.status, 200);
    assertEquals((await (await t.req("GET", `/api/vms/${db}`)).json()).state, "running");
    // Reads need no token; API tokens need none either (a browser never sends them by itself).
    assertEquals((await anonymous(t, "GET", "/api/vms", { headers: { cookie } })).status, 200);
  });
});

Deno.test("roles are enforced by the API: viewers read, operators power their VMs only", async () => {
  await withTestApp(async (t) => {
    const db = await vmId(t, "db");
    const web = await vmId(t, "web");
    const viewer = { authorization: `Bearer ${tokenAs(t, "viewer")}` };
    const start = await anonymous(t, "POST", `/api/vms/${db}/start`, { headers: viewer });
    assertEquals(start.status, 403);
    assertEquals(await start.json(), {
      code: "FORBIDDEN",
      message: "Your role (viewer) may not POST /api/vms/" + db + "/start",
    });
    assertEquals((await (await t.req("GET", `/api/vms/${db}`)).json()).state, "stopped");
    const v = cookieFor(t, "vera", "viewer");
    const viaSession = await anonymous(t, "POST", `/api/vms/${db}/start`, {
      headers: { cookie: v.cookie, "x-csrf-token": v.csrf },
    });
    assertEquals(viaSession.status, 403);
    assertEquals((await anonymous(t, "GET", "/api/vms", { headers: viewer })).status, 200);
    for (
      const [method, path] of [["GET", "/api/tokens"], ["GET", `/api/vms/${web}/xml`], [
        "DELETE",
        `/api/vms/${db}`,
      ]]
    ) {
      assertEquals((await anonymous(t, method, path, { headers: viewer })).status, 403, path);
    }

    const operator = { authorization: `Bearer ${tokenAs(t, "operator", [db])}` };
    assertEquals(
      (await anonymous(t, "POST", `/api/vms/${db}/start`, { headers: operator })).status,
      200,
    );
    assertEquals(
      (await anonymous(t, "POST", `/api/vms/db/stop`, { headers: operator })).status,
      200,
      "by name too",
    );
    const other = await anonymous(t, "POST", `/api/vms/${web}/stop`, { headers: operator });
    assertEquals(other.status, 403);
    assertEquals((await other.json()).message, `You may not control VM ${web}`);
    const clone = await anonymous(t, "POST", `/api/vms/${db}/clone`, {
      headers: { ...operator, "content-type": "application/json" },
      body: JSON.stringify({ name: "db2" }),
    });
    assertEquals(clone.status, 403);
    // A batch answers VM by VM: the operator's own VM goes, the other is refused on its line.
    assertEquals((await t.req("POST", `/api/vms/${db}/start`)).status, 200);
    const batch = await anonymous(t, "POST", "/api/vms/batch", {
      headers: { ...operator, "content-type": "application/json" },
      body: JSON.stringify({ action: "force-stop", ids: [db, web] }),
    });
    assertEquals(batch.status, 200);
    const lines = (await batch.json()).results as { id: string; ok: boolean; message?: string }[];
    assertEquals(lines.map((l) => l.ok), [true, false]);
    assertEquals((await (await t.req("GET", `/api/vms/${web}`)).json()).state, "running");
    const snap = await anonymous(t, "POST", "/api/vms/batch", {
      headers: { ...operator, "content-type": "application/json" },
      body: JSON.stringify({ action: "snapshot", ids: [db] }),
    });
    assertEquals(snap.status, 403);
  });
});

Deno.test("a console ticket opens only its own VM, once, for its own caller", async () => {
  await withTestApp(async (t) => {
    const web = await vmId(t, "web");
    const db = await vmId(t, "db");
    const upgrade = {
      upgrade: "websocket",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      "sec-websocket-version": "13",
    };
    const ticketFor = async (id: string) =>
      ((await (await t.req("POST", `/api/vms/${id}/console-ticket`)).json()) as { ticket: string })
        .ticket;
    const forWeb = await ticketFor(web);
    const onDb = await t.app.request(`http://localhost/api/vms/${db}/vnc?ticket=${forWeb}`, {
      headers: upgrade,
    });
    assertEquals(onDb.status, 403);
    assertEquals((await onDb.json()).code, "INVALID_TICKET");
    // The ticket was spent by that attempt; another caller cannot use a fresh one either.
    const fresh = await ticketFor(web);
    const other = await t.app.request(`http://localhost/api/vms/${web}/vnc?ticket=${fresh}`, {
      headers: { ...upgrade, authorization: `Bearer ${tokenAs(t, "admin")}` },
    });
    assertEquals(other.status, 403);
    const none = await t.app.request(`http://localhost/api/vms/${web}/vnc`, { headers: upgrade });
    assertEquals(none.status, 403);
    const viewer = await anonymous(t, "POST", `/api/vms/${web}/console-ticket`, {
      headers: { authorization: `Bearer ${tokenAs(t, "viewer")}` },
    });
    assertEquals(viewer.status, 403, "viewers get no console");
  });
});

Deno.test("a bad Origin on the console WebSocket is refused with 403", async () => {
  await withTestApp(async (t) => {
    const web = await vmId(t, "web");
    const { ticket } = await (await t.req("POST", `/api/vms/${web}/console-ticket`)).json();
    const res = await t.app.request(`http://localhost/api/vms/${web}/vnc?ticket=${ticket}`, {
      headers: {
        upgrade: "websocket",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        "sec-websocket-version": "13",
        origin: "http://evil.example",
      },
    });
    assertEquals(res.status, 403);
    assertEquals((await res.json()).code, "CROSS_ORIGIN");
  });
});

Deno.test("a real host account signs in through PAM; no default password exists", async () => {
  const admins = accountName("kvmmt-adm");
  const viewers = accountName("kvmmt-view");
  const alice = accountName("kvmmt-a");
  const vic = accountName("kvmmt-v");
  const outsider = accountName("kvmmt-o");
  const auth: AuthSettings = {
    pamService: "kvm-manager",
    adminGroups: [admins],
    operatorGroups: [],
    viewerGroups: [viewers],
    sessionIdleMinutes: 30,
  };
  await withHostAccounts(
    [admins, viewers],
    { [alice]: [admins], [vic]: [viewers], [outsider]: [] },
    async (made) => {
      await withTestApp(
        async (t) => {
          const login = (user: string, password: string, ip?: string) =>
            t.app.request("http://localhost/api/auth/login", {
              method: "POST",
              headers: { cookie: "", "content-type": "application/json" },
              body: JSON.stringify({ user, password }),
            }, ip ? { remoteAddr: { hostname: ip, port: 1, transport: "tcp" } } : undefined);

          // No account of ours has a password: the usual guesses all fail (from different addresses,
          // so the limiter does not answer for PAM).
          let n = 0;
          for (
            const [user, password] of [["admin", "admin"], ["root", "root"], ["root", "password"], [
              "kvm-manager",
              "kvm-manager",
            ], ["admin", "password"]]
          ) {
            const res = await login(user, password, `10.9.0.${++n}`);
            assertEquals(res.status, 401, `${user}/${password}`);
            assertEquals((await res.json()).message, "Wrong user name or password");
          }
          const wrong = await login(alice, "not-it", "10.9.1.1");
          assertEquals(wrong.status, 401);
          // A right password outside the groups is answered as a wrong one: the form confirms no
          // host account's password. The audit log keeps the true reason.
          const out = await login(outsider, made[outsider].password, "10.9.1.2");
          assertEquals(out.status, 401);
          assertEquals(await out.json(), {
            code: "BAD_CREDENTIALS",
            message: "Wrong user name or password",
          });
          const [entry] = t.ctx.audit.query({ user: outsider, action: "auth.login" }).entries;
          assertEquals([entry.status, entry.errorCode, entry.ip], [401, "NOT_ALLOWED", "10.9.1.2"]);
          assertMatch(entry.message!, /may not use KVM Manager/);

          const res = await login(alice, made[alice].password, "10.9.1.3");
          assertEquals(res.status, 200);
          const body = await res.json();
          assertEquals([body.user, body.role], [alice, "admin"]);
          const setCookie = res.headers.get("set-cookie") ?? "";
          assertMatch(setCookie, /^kvmm_session=[A-Za-z0-9_-]{43};/);
          assertMatch(setCookie, /HttpOnly/);
          assertMatch(setCookie, /SameSite=Strict/);
          const cookie = setCookie.split(";")[0];
          const me = await anonymous(t, "GET", "/api/auth/me", { headers: { cookie } });
          assertEquals((await me.json()).user, alice);
          const db = await vmId(t, "db");
          const started = await anonymous(t, "POST", `/api/vms/${db}/start`, {
            headers: { cookie, "x-csrf-token": body.csrf },
          });
          assertEquals(started.status, 200);
          const out2 = await anonymous(t, "POST", "/api/auth/logout", {
            headers: { cookie, "x-csrf-token": body.csrf },
          });
          assertEquals(out2.status, 200);
          assertEquals(
            (await anonymous(t, "GET", "/api/auth/me", { headers: { cookie } })).status,
            401,
          );

          const v = await login(vic, made[vic].password, "10.9.1.4");
          const vb = await v.json();
          assertEquals(vb.role, "viewer");
          const vCookie = (v.headers.get("set-cookie") ?? "").split(";")[0];
          const refused = await anonymous(t, "POST", `/api/vms/${db}/force-stop`, {
            headers: { cookie: vCookie, "x-csrf-token": vb.csrf },
          });
          assertEquals(refused.status, 403);
          assertEquals((await (await t.req("GET", `/api/vms/${db}`)).json()).state, "running");
        },
        undefined,
        { auth },
      );
    },
  );
});

/** POST /api/auth/login from `ip` (the TCP peer), with extra headers. */
const loginFrom = (
  t: TestApp,
  user: string,
  password: string,
  ip: string,
  headers: Record<string, string> = {},
): Promise<Response> =>
  Promise.resolve(t.app.request("http://localhost/api/auth/login", {
    method: "POST",
    headers: { cookie: "", "content-type": "application/json", ...headers },
    body: JSON.stringify({ user, password }),
  }, { remoteAddr: { hostname: ip, port: 1, transport: "tcp" } }));

const signInSettings = (admins: string, more: Partial<AuthSettings> = {}): AuthSettings => ({
  pamService: "kvm-manager",
  adminGroups: [admins],
  operatorGroups: [],
  viewerGroups: [],
  sessionIdleMinutes: 30,
  ...more,
});

Deno.test("sign-in limits: a parallel burst of wrong guesses gets 429s and the right password inside and after it does not sign in", async () => {
  const admins = accountName("kvmmt-adm");
  const alice = accountName("kvmmt-a");
  const bob = accountName("kvmmt-b");
  await withHostAccounts([admins], { [alice]: [admins], [bob]: [admins] }, async (made) => {
    await withTestApp(
      async (t) => {
        const ip = "10.21.0.1";
        const statuses = async (responses: Promise<Response>[]) => {
          const all = await Promise.all(responses);
          return Promise.all(all.map(async (r) => ({ status: r.status, body: await r.json() })));
        };
        const burst = await statuses([
          ...Array.from({ length: 20 }, () => loginFrom(t, alice, "wrong", ip)),
          loginFrom(t, alice, made[alice].password, ip),
          ...Array.from({ length: 20 }, () => loginFrom(t, alice, "wrong", ip)),
        ]);
        const refused = burst.filter((r) => r.status === 429);
        assert(refused.length >= 38, `${refused.length} of 41 answered 429`);
        assertEquals(burst.filter((r) => r.status === 200), [], "nothing in the burst signed in");
        assertEquals(burst[20].status, 429, "the right password inside the burst is refused");
        for (const r of refused) {
          assertEquals(r.body.code, "TOO_MANY_ATTEMPTS");
          assert(Number.isInteger(r.body.retryAfter) && r.body.retryAfter > 0, r.body.message);
        }
        // bob signs in from the same address: that resets nothing of alice's guesses.
        const bobIn = await loginFrom(t, bob, made[bob].password, ip);
        assertEquals(bobIn.status, 200, JSON.stringify(await bobIn.clone().json()));
        // Keep guessing, two at a time (at most two in progress per address), until the
        // address's bucket is full.
        let full: { status: number; body: Record<string, unknown> } | undefined;
        for (let wave = 0; wave < 10 && !full; wave++) {
          const answers = await statuses([
            loginFrom(t, alice, "wrong", ip),
            loginFrom(t, alice, "wrong", ip),
          ]);
          full = answers.find((a) => a.status === 429);
        }
        assertMatch(String(full?.body.message), /Too many sign-in attempts from this address/);
        const after = await loginFrom(t, alice, made[alice].password, ip);
        assertEquals(after.status, 429, "the right password from a full address does not sign in");
        assert((await after.json()).retryAfter > 60);
        assertEquals(t.ctx.auth.sessions.countByUser().get(alice), undefined, "no session");
        // Another address is not locked out (one address cannot fill the account's bucket).
        assertEquals((await loginFrom(t, alice, made[alice].password, "10.21.0.2")).status, 200);
      },
      undefined,
      { auth: signInSettings(admins) },
    );
  });
});

Deno.test("sign-in limits: the PAM queue is bounded overall; past it, 429 with retryAfter at once", async () => {
  const admins = accountName("kvmmt-adm");
  const alice = accountName("kvmmt-a");
  await withHostAccounts([admins], { [alice]: [admins] }, async () => {
    await withTestApp(
      async (t) => {
        // The statuses in the order the answers settled.
        const settled: number[] = [];
        const answers = await Promise.all(
          Array.from({ length: 14 }, async (_, i) => {
            const res = await loginFrom(t, alice, "wrong", `10.22.0.${i + 1}`);
            settled.push(res.status);
            return { status: res.status, body: await res.json() };
          }),
        );
        const busy = answers.filter((a) => a.status === 429);
        assertEquals(busy.length, 14 - MAX_PENDING, JSON.stringify(answers.map((a) => a.status)));
        for (const b of busy) {
          assertEquals(b.body.code, "TOO_MANY_ATTEMPTS");
          assertEquals(b.body.retryAfter, PENDING_RETRY_AFTER_S);
        }
        assertEquals(answers.filter((a) => a.status === 401).length, MAX_PENDING);
        // Refused without waiting for PAM: every 429 came before PAM's first answer.
        assertEquals(settled.lastIndexOf(429), busy.length - 1, settled.join(" "));
      },
      undefined,
      { auth: signInSettings(admins) },
    );
  });
});

Deno.test("sign-in limits: wrong guesses from six addresses do not keep a seventh's right password out", async () => {
  const admins = accountName("kvmmt-adm");
  const alice = accountName("kvmmt-a");
  const bob = accountName("kvmmt-b");
  await withHostAccounts([admins], { [alice]: [admins], [bob]: [admins] }, async (made) => {
    await withTestApp(
      async (t) => {
        // Each answer as it settles: a guess by its status, the right sign-in as "right".
        const settled: string[] = [];
        const guesses = Array.from(
          { length: 12 },
          (_, i) =>
            loginFrom(t, alice, "wrong", `10.24.0.${1 + (i >> 1)}`).then((res) => {
              settled.push(String(res.status));
              return res;
            }),
        );
        // The guesses are in the queue, the first inside PAM's ~2 s fail delay.
        await new Promise((r) => setTimeout(r, 200));
        const right = await loginFrom(t, bob, made[bob].password, "10.24.0.7");
        settled.push("right");
        assertEquals(right.status, 200, JSON.stringify(await right.clone().json()));
        assertEquals((await right.json()).role, "admin");
        const answers = await Promise.all(guesses);
        for (const a of answers) {
          assert([401, 429].includes(a.status), String(a.status));
          await a.body?.cancel();
        }
        // It waited for the guesses inside PAM, not for the whole queue: of the guesses PAM
        // checked (401), only those already inside it when it came were answered before it.
        // (How long it waited, beside a sign-in with no queue: bench/login_flood.ts.)
        const checkedBefore = settled.slice(0, settled.indexOf("right"))
          .filter((s) => s === "401");
        assert(checkedBefore.length <= PAM_CHECKS_AT_ONCE, settled.join(" "));
        assert(settled.filter((s) => s === "401").length > PAM_CHECKS_AT_ONCE, settled.join(" "));
      },
      undefined,
      { auth: signInSettings(admins) },
    );
  });
});

Deno.test("sign-in limits: X-Forwarded-For is believed only from a --trusted-proxy", async () => {
  const admins = accountName("kvmmt-adm");
  const alice = accountName("kvmmt-a");
  await withHostAccounts([admins], { [alice]: [admins] }, async () => {
    await withTestApp(
      async (t) => {
        const ipsOf = async (from: string, forwarded: string[]) => {
          const answers = await Promise.all(
            forwarded.map((xff) => loginFrom(t, alice, "wrong", from, { "x-forwarded-for": xff })),
          );
          const statuses = answers.map((r) => r.status);
          await Promise.all(answers.map((r) => r.body?.cancel()));
          return statuses;
        };
        // Three users behind the proxy: three buckets (at most two in progress per address).
        assertEquals(
          await ipsOf("127.0.0.9", ["10.23.0.1", "203.0.113.5, 10.23.0.2", "10.23.0.3, 127.0.0.9"]),
          [401, 401, 401],
        );
        const logged = t.ctx.audit.query({ user: alice, action: "auth.login" }).entries
          .map((e) => e.ip).sort();
        assertEquals(logged, ["10.23.0.1", "10.23.0.2", "10.23.0.3"]);
        // The same header from any other peer is the client's own claim: one bucket, the peer's.
        const direct = await ipsOf("10.23.9.9", ["10.23.1.1", "10.23.1.2", "10.23.1.3"]);
        assertEquals(direct.filter((s) => s === 429).length, 1, direct.join());
        const fromPeer = t.ctx.audit.query({ user: alice, action: "auth.login" }).entries
          .filter((e) => e.ip?.startsWith("10.23.1.") || e.ip === "10.23.9.9").map((e) => e.ip);
        assertEquals(new Set(fromPeer), new Set(["10.23.9.9"]));
      },
      undefined,
      { auth: signInSettings(admins, { trustedProxies: ["127.0.0.9"] }) },
    );
  });
});

Deno.test("an API token acts with its owner's current role: demoted, refused admin routes; removed, refused", async () => {
  const admins = accountName("kvmmt-adm");
  const alice = accountName("kvmmt-a");
  const olga = accountName("kvmmt-o");
  await withHostAccounts([admins], { [alice]: [admins], [olga]: [admins] }, async () => {
    await withTestApp(
      async (t) => {
        const as = (secret: string, method: string, path: string, body?: unknown) =>
          t.app.request(`http://localhost${path}`, {
            method,
            headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
        const aliceToken = t.ctx.auth.tokens.create({ name: "ci", owner: alice, role: "admin" })
          .secret;
        assertEquals((await as(aliceToken, "GET", "/api/tokens")).status, 200);
        // Demoted by an admin: the token's admin role no longer counts, at once.
        assertEquals(
          (await t.req("PUT", `/api/users/${alice}`, { role: "operator", vms: "*" })).status,
          200,
        );
        const listed = await as(aliceToken, "GET", "/api/tokens");
        assertEquals(listed.status, 403);
        assertMatch((await listed.json()).message, /Your role \(operator\)/);
        const minted = await as(aliceToken, "POST", "/api/tokens", { name: "up", role: "admin" });
        assertEquals(minted.status, 403, "cannot mint a token above its owner's role");
        assertEquals(t.ctx.auth.tokens.list(alice).length, 1);
        const me = await (await as(aliceToken, "GET", "/api/auth/me")).json();
        assertEquals([me.role, me.tokenRole], ["operator", "admin"]);
        // The Access page lists both roles.
        const tokens = (await (await t.req("GET", "/api/tokens")).json()).tokens as {
          owner: string;
          role: string;
          effectiveRole: string | null;
        }[];
        const row = tokens.find((x) => x.owner === alice)!;
        assertEquals([row.role, row.effectiveRole], ["admin", "operator"]);
        // Taken out of the admin group on the host: its token ends.
        const olgaToken = t.ctx.auth.tokens.create({ name: "ci", owner: olga, role: "viewer" })
          .secret;
        await runPasswdTool("gpasswd", ["-d", olga, admins]);
        const gone = await as(olgaToken, "GET", "/api/vms");
        assertEquals(gone.status, 401);
        assertEquals((await gone.json()).code, "UNAUTHENTICATED");
      },
      undefined,
      { auth: signInSettings(admins) },
    );
  });
});

Deno.test("sign-in reads JSON only: a form post is 415 and malformed JSON 400, neither signs in", async () => {
  await withTestApp(async (t) => {
    const post = (type: string, body: string) =>
      anonymous(t, "POST", "/api/auth/login", { headers: { "content-type": type }, body });
    const form = await post("application/x-www-form-urlencoded", "user=root&password=x");
    assertEquals(form.status, 415);
    assertEquals((await form.json()).code, "UNSUPPORTED_MEDIA_TYPE");
    assertEquals(form.headers.get("set-cookie"), null);
    const broken = await post("application/json", "{user:");
    assertEquals(broken.status, 400);
    assertEquals((await broken.json()).code, "BAD_REQUEST");
    const empty = await post("application/json", JSON.stringify({ user: "", password: "" }));
    assertEquals(empty.status, 400);
    assertEquals((await empty.json()).code, "INVALID_INPUT");
    // A refused body is recorded with the name it tried, as a refused password is.
    const [entry] = t.ctx.audit.query({ action: "auth.login" }).entries;
    assertEquals(entry.errorCode, "INVALID_INPUT");
  });
});

Deno.test("sign-in refusals speak the browser's language: German to a German browser, English otherwise", async () => {
  await withTestApp(async (t) => {
    const german = { "accept-language": "de-DE,de;q=0.9,en;q=0.5" };
    const login = (body: unknown, headers: Record<string, string> = {}) =>
      anonymous(t, "POST", "/api/auth/login", {
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    // A name no host account can have is refused without asking PAM, after the usual delay.
    const wrong = await login({ user: "no such user", password: "x" }, german);
    assertEquals([wrong.status, await wrong.json()], [401, {
      code: "BAD_CREDENTIALS",
      message: "Falscher Benutzername oder falsches Passwort",
    }]);
    const blank = await login({ user: "", password: "" }, german);
    assertEquals(await blank.json(), {
      code: "INVALID_INPUT",
      message: "Benutzername und Passwort eingeben",
    });
    const unsigned = await anonymous(t, "GET", "/api/vms", { headers: german });
    assertEquals([unsigned.status, (await unsigned.json()).message], [
      401,
      "Zum Verwenden von KVM Manager anmelden",
    ]);
    // No Accept-Language (scripts, the CLI) and any other language: the same English as ever.
    const english = await login({ user: "", password: "" }, { "accept-language": "fr-FR,fr" });
    assertEquals((await english.json()).message, "Enter a user name and a password");
    const plain = await anonymous(t, "GET", "/api/vms");
    assertEquals((await plain.json()).message, "Sign in to use KVM Manager");
  });
});
