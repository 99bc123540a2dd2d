// Sign-in and what it guards, on the whole app: every route refuses a caller without a session,
// changes need the CSRF token, roles are enforced by the API, console tickets are bound to one
// user and VM, and a real host account signs in through PAM.

import type { AuthSettings } from "../../lib/auth/types.ts";
import { assert, assertEquals, assertMatch } from "../../lib/testing/assert.ts";
import { accountName, withHostAccounts } from "../../lib/testing/host_account.ts";
import { type TestApp, withTestApp } from "../test_app.ts";

/** Routes anyone may reach: the sign-in page, its call, and static code and styles. */
const PUBLIC = new Set(["GET /login", "POST /api/auth/login", "GET /static/:path{.+}"]);

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
    const viewer = { authorization: `Bearer ${t.tokenFor("viewer")}` };
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

    const operator = { authorization: `Bearer ${t.tokenFor("operator", [db])}` };
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
      headers: { ...upgrade, authorization: `Bearer ${t.tokenFor("admin")}` },
    });
    assertEquals(other.status, 403);
    const none = await t.app.request(`http://localhost/api/vms/${web}/vnc`, { headers: upgrade });
    assertEquals(none.status, 403);
    const viewer = await anonymous(t, "POST", `/api/vms/${web}/console-ticket`, {
      headers: { authorization: `Bearer ${t.tokenFor("viewer")}` },
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
          const out = await login(outsider, made[outsider].password, "10.9.1.2");
          assertEquals(out.status, 403);
          assertEquals((await out.json()).code, "NOT_ALLOWED");

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
