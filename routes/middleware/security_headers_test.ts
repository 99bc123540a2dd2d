import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { AppError } from "../../lib/errors.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { staticRoutes } from "../static.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { sameOrigin } from "./same_origin.ts";
import { CONTENT_SECURITY_POLICY, securityHeaders } from "./security_headers.ts";

const EXPECTED = {
  "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; " +
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

function assertSecurityHeaders(res: Response, hsts: boolean, what: string) {
  for (const [name, value] of Object.entries(EXPECTED)) {
    assertEquals(res.headers.get(name), value, `${what}: ${name}`);
  }
  assertEquals(
    res.headers.get("strict-transport-security"),
    hsts ? "max-age=31536000" : null,
    `${what}: HSTS`,
  );
  const cors = [...res.headers.keys()].filter((k) => k.startsWith("access-control-"));
  assertEquals(cors, [], `${what}: no CORS headers`);
}

/** A small app shaped like createApp's: the middleware first, then the usual kinds of answer. */
function appWith(hsts: boolean): Hono {
  const app = new Hono();
  app.use("*", securityHeaders({ hsts }));
  app.use("*", sameOrigin());
  app.get("/", (c) => c.html("<!DOCTYPE html><p>page</p>"));
  app.get("/api/fail", () => {
    throw new AppError("INVALID_STATE", "no");
  });
  app.get("/api/crash", () => {
    throw new Error("bug");
  });
  app.get("/old", (c) => c.redirect("/"));
  app.get("/raw-redirect", () => Response.redirect("http://localhost/", 302));
  app.get("/events", (c) => streamSSE(c, async (s) => await s.writeSSE({ data: "hi" })));
  app.route("/static", staticRoutes());
  app.notFound((c) => c.json({ code: "NOT_FOUND", message: "Not found" }, 404));
  app.onError((err, c) =>
    err instanceof AppError
      ? c.json({ code: err.code, message: err.message }, err.status as 409)
      : c.json({ code: "INTERNAL_ERROR", message: err.message }, 500)
  );
  return app;
}

const CASES: [string, number, RequestInit?][] = [
  ["/", 200],
  ["/api/fail", 409],
  ["/api/crash", 500],
  ["/nope", 404],
  ["/static/app.css", 200],
  ["/static/nope.css", 404],
  ["/old", 302],
  ["/raw-redirect", 302],
  ["/events", 200],
  // Refused by a middleware mounted after it.
  ["/api/fail", 403, { method: "POST", headers: { origin: "http://evil.example" } }],
];

for (const hsts of [false, true]) {
  Deno.test(`security headers - on pages, errors, 404s, static files, redirects, SSE (hsts ${hsts})`, async () => {
    const app = appWith(hsts);
    for (const [path, status, init] of CASES) {
      const res = await app.request(`http://localhost${path}`, init);
      const what = `${init?.method ?? "GET"} ${path}`;
      assertEquals(res.status, status, what);
      assertSecurityHeaders(res, hsts, what);
      await res.body?.cancel();
    }
  });
}

Deno.test("security headers - the policy allows no inline script or style", () => {
  assert(!CONTENT_SECURITY_POLICY.includes("unsafe"), "no 'unsafe-*' source");
  assertEquals(CONTENT_SECURITY_POLICY, EXPECTED["content-security-policy"]);
});

Deno.test("security headers - the whole app, wrapped, answers with them everywhere", async () => {
  await withTestApp(async ({ app: inner }) => {
    const app = new Hono();
    app.use("*", securityHeaders({ hsts: true }));
    // `request`, not `fetch`: the test app signs it in as an admin.
    app.all("*", (c) => inner.request(c.req.raw));
    const cases: [string, number, HeadersInit?][] = [
      ["/", 200],
      ["/vms", 200],
      ["/api/vms", 200],
      ["/api/vms/nope", 404],
      ["/static/app.css", 200],
      ["/nope", 404],
      // Signed out: the sign-in page and the API's refusal.
      ["/vms", 401, { cookie: "kvmm_session=stale", accept: "text/html" }],
      ["/api/vms", 401, { cookie: "kvmm_session=stale" }],
    ];
    for (const [path, status, headers] of cases) {
      const res = await app.request(`http://localhost${path}`, { headers });
      assertEquals(res.status, status, path);
      assertSecurityHeaders(res, true, `${path} (${status})`);
      await res.body?.cancel();
    }
  });
});
