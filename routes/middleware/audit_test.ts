// The audit middleware on a tiny app with a stand-in guard: what it records for changes,
// refusals, errors and console opens, what it leaves out, and a name for every route of the
// real app.

import { Hono } from "hono";
import { AuditLog } from "../../lib/audit/log.ts";
import { AUDIT_STEPS } from "../../lib/audit/schema.ts";
import type { AuditEntry } from "../../shared/audit.ts";
import type { Identity } from "../../shared/auth.ts";
import { AppError } from "../../lib/errors.ts";
import { Store } from "../../lib/store.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { createApp } from "../app.ts";
import { RouteTable } from "../route_table.ts";
import { appRouteTable, signedIn, withTestApp } from "../../tests/harness/test_app.ts";
import { actionName as ruleName, auditTrail, declaredAction, paramsOf } from "./audit.ts";
import type {} from "./auth.ts";

// The real app's declarations name the actions (routes/declare.ts, audit); the tiny app below
// has some of its routes.
const table = await appRouteTable();
const routes = () => table;

/** The action of route `pattern`: the one its declaration gives, else the rule's. */
function actionName(method: string, pattern: string, params: Record<string, string>) {
  const route = table.routes.find((r) => r.method.toUpperCase() === method && r.path === pattern);
  return route
    ? declaredAction(route, method, params) ?? ruleName(method, pattern, params)
    : ruleName(method, pattern, params);
}

/** The actions routes declare are not recorded. */
const NOT_RECORDED = new Set(
  table.routes.filter((r) => r.audit === null).map((r) =>
    ruleName(r.method.toUpperCase(), r.path, {})
  ),
);

const VM = "6b5a6f1e-0000-4000-8000-000000000001";

const ALICE: Identity = { user: "alice", role: "admin", vms: "*", via: "session" };
const CI: Identity = {
  user: "bob",
  role: "operator",
  vms: [VM],
  via: "token",
  token: { id: "t1", name: "ci-deploy" },
};

/**
 * The audit trail in front of a guard that takes the caller from x-test-as ("alice", "ci" or
 * none: 401) and refuses pool changes by the token (403), as routes/middleware/auth.ts does.
 */
function tinyApp(log: AuditLog): Hono {
  const app = new Hono();
  app.use("*", auditTrail(log, routes));
  app.use("*", async function guard(c, next) {
    const as = c.req.header("x-test-as");
    if (!as) throw new AppError("UNAUTHENTICATED", "Sign in to use KVM Manager");
    const identity = as === "ci" ? CI : ALICE;
    // Set before the role check, so a refusal is recorded under the caller's name.
    c.set("identity", identity);
    if (identity === CI && c.req.path.startsWith("/api/pools")) {
      throw new AppError("FORBIDDEN", "Your role (operator) may not POST /api/pools");
    }
    await next();
  });
  app.post("/api/vms/validate", (c) => c.json({ errors: [] }));
  app.post("/api/vms/:id/:action", (c) => c.json({ ok: true }));
  app.get("/api/vms", (c) => c.json([]));
  app.get("/api/vms/:id/vnc", (c) => {
    if (c.req.query("ticket") !== "good") {
      throw new AppError("INVALID_TICKET", "The console ticket is missing");
    }
    // Deno.upgradeWebSocket answers 101; a Response made here may not carry it.
    return c.body(null, 204);
  });
  app.post("/api/pools", (c) => c.json({ name: "images", active: true }, 201));
  app.delete("/api/pools/:pool", () => {
    throw new AppError("INVALID_STATE", "Pool images is active: stop it first");
  });
  app.put("/api/pools/:pool/volumes/:vol/content", () => {
    throw new Error("disk full");
  });
  // Errors become responses as in routes/app.ts: AppError as JSON, anything else as text.
  app.onError((err, c) =>
    err instanceof AppError
      ? c.json({ code: err.code, message: err.message }, err.status as 400)
      : c.text(`Internal error: ${err.message}`, 500)
  );
  app.notFound((c) => c.json({ code: "NOT_FOUND", message: `Not found: ${c.req.path}` }, 404));
  return app;
}

interface T {
  log: AuditLog;
  req(method: string, path: string, headers?: Record<string, string>): Promise<Response>;
  entries(): AuditEntry[];
}

async function withTiny(fn: (t: T) => Promise<void>) {
  using store = Store.open(":memory:", { migrations: AUDIT_STEPS, quickCheck: false });
  const log = new AuditLog(store);
  const app = tinyApp(log);
  const env = { remoteAddr: { transport: "tcp", hostname: "192.0.2.9", port: 40000 } };
  await fn({
    log,
    req: async (method, path, headers = {}) =>
      await app.request(`http://localhost${path}`, { method, headers }, env),
    entries: () => log.query({}).entries.toReversed(),
  });
}

/** The fields of an entry a test cares about (not its id or time). */
const brief = (
  { user, via, tokenName, ip, action, method, path, target, status, result, errorCode, message }:
    AuditEntry,
) => ({
  user,
  via,
  tokenName,
  ip,
  action,
  method,
  path,
  target,
  status,
  result,
  errorCode,
  message,
});

Deno.test("audit trail - a change that succeeds is recorded with who, what and where", async () => {
  await withTiny(async ({ req, entries }) => {
    assertEquals((await req("POST", `/api/vms/${VM}/start`, { "x-test-as": "alice" })).status, 200);
    assertEquals(entries().map(brief), [{
      user: "alice",
      via: "session",
      tokenName: null,
      ip: "192.0.2.9",
      action: "vm.start",
      method: "POST",
      path: `/api/vms/${VM}/start`,
      target: VM,
      status: 200,
      result: "ok",
      errorCode: null,
      message: null,
    }]);
  });
});

Deno.test("audit trail - a token's calls name the token; a create names what it made", async () => {
  await withTiny(async ({ req, entries }) => {
    await req("POST", `/api/vms/${VM}/shutdown`, { "x-test-as": "ci" });
    await req("POST", "/api/pools", { "x-test-as": "alice" });
    assertEquals(entries().map((e) => [e.user, e.via, e.tokenName, e.action, e.target]), [
      ["bob", "token", "ci-deploy", "vm.shutdown", VM],
      ["alice", "session", null, "pool.create", "images"],
    ]);
  });
});

Deno.test("audit trail - an AppError is recorded as an error in the API's words", async () => {
  await withTiny(async ({ req, entries }) => {
    const res = await req("DELETE", "/api/pools/images", { "x-test-as": "alice" });
    assertEquals(res.status, 409);
    assertEquals(await res.json(), {
      code: "INVALID_STATE",
      message: "Pool images is active: stop it first",
    }, "the client still reads the whole body");
    assertEquals(
      entries().map((e) => [e.action, e.target, e.status, e.result, e.errorCode, e.message]),
      [
        [
          "pool.delete",
          "images",
          409,
          "error",
          "INVALID_STATE",
          "Pool images is active: stop it first",
        ],
      ],
    );
  });
});

Deno.test("audit trail - a request the guard refuses is recorded as denied, under its route's name", async () => {
  await withTiny(async ({ req, entries }) => {
    assertEquals((await req("POST", `/api/vms/${VM}/reboot`)).status, 401);
    assertEquals((await req("POST", "/api/pools", { "x-test-as": "ci" })).status, 403);
    assertEquals(entries().map(brief), [{
      user: "-",
      via: "anonymous",
      tokenName: null,
      ip: "192.0.2.9",
      action: "vm.reboot",
      method: "POST",
      path: `/api/vms/${VM}/reboot`,
      target: VM,
      status: 401,
      result: "denied",
      errorCode: "UNAUTHENTICATED",
      message: "Sign in to use KVM Manager",
    }, {
      user: "bob",
      via: "token",
      tokenName: "ci-deploy",
      ip: "192.0.2.9",
      action: "pool.create",
      method: "POST",
      path: "/api/pools",
      target: null,
      status: 403,
      result: "denied",
      errorCode: "FORBIDDEN",
      message: "Your role (operator) may not POST /api/pools",
    }]);
  });
});

Deno.test("audit trail - reads are not recorded; console opens are", async () => {
  await withTiny(async ({ req, entries }) => {
    assertEquals((await req("GET", "/api/vms", { "x-test-as": "alice" })).status, 200);
    assertEquals((await req("HEAD", "/api/vms", { "x-test-as": "alice" })).status, 200);
    assertEquals((await req("GET", `/api/vms/${VM}/vnc`, { "x-test-as": "alice" })).status, 403);
    assertEquals(entries(), [], "a plain GET of the console path is no console");
    const ws = { "x-test-as": "ci", upgrade: "websocket" };
    assertEquals((await req("GET", `/api/vms/${VM}/vnc?ticket=good`, ws)).status, 204);
    assertEquals((await req("GET", `/api/vms/${VM}/vnc?ticket=old`, ws)).status, 403);
    assertEquals(entries().map((e) => [e.user, e.action, e.target, e.result, e.errorCode]), [
      ["bob", "console.open", VM, "ok", null],
      ["bob", "console.open", VM, "denied", "INVALID_TICKET"],
    ]);
  });
});

Deno.test("audit trail - checks sent by POST are not recorded; an unknown route is", async () => {
  await withTiny(async ({ req, entries }) => {
    await req("POST", "/api/vms/validate", { "x-test-as": "alice" });
    assertEquals((await req("POST", "/api/nothing", { "x-test-as": "alice" })).status, 404);
    assertEquals(entries().map((e) => [e.action, e.status, e.result, e.errorCode]), [
      ["POST (no route)", 404, "error", "NOT_FOUND"],
    ]);
  });
});

Deno.test("audit trail - a body that is not JSON is never read; the status still is", async () => {
  await withTiny(async ({ req, entries }) => {
    const res = await req("PUT", "/api/pools/images/volumes/a.qcow2/content", {
      "x-test-as": "alice",
    });
    assertEquals([res.status, await res.text()], [500, "Internal error: disk full"]);
    assertEquals(entries().map((e) => [e.action, e.target, e.result, e.errorCode, e.message]), [
      ["volume.upload", "images", "error", null, null],
    ]);
  });
});

Deno.test("audit trail - a log that cannot write never fails the request", async () => {
  const store = Store.open(":memory:", { migrations: AUDIT_STEPS, quickCheck: false });
  const app = tinyApp(new AuditLog(store));
  store.close();
  const original = console.error;
  const errors: unknown[] = [];
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    const res = await app.request(`http://localhost/api/vms/${VM}/start`, {
      method: "POST",
      headers: { "x-test-as": "alice" },
    });
    assertEquals([res.status, await res.json()], [200, { ok: true }]);
  } finally {
    console.error = original;
  }
  assertEquals(errors.length, 1);
});

Deno.test("audit trail - parameters are read off the path, decoded", () => {
  assertEquals(paramsOf("/api/pools/:pool/volumes/:vol", "/api/pools/my%20pool/volumes/a.qcow2"), {
    pool: "my pool",
    vol: "a.qcow2",
  });
  assertEquals(paramsOf("/api/vms/:id", "/api/vms/%E0%A4%A"), { id: "%E0%A4%A" });
  assertEquals(actionName("POST", "/api/vms/:id/:action", { id: VM, action: "pause" }), "vm.pause");
  assertEquals(actionName("POST", "/api/things/:id", {}), "POST /api/things/:id");
  assertEquals(actionName("POST", "/login", {}), "auth.login");
});

Deno.test("audit trail - every state-changing route of the app has a readable action name", async () => {
  await withTestApp(({ app }) => {
    const names = new Map<string, string>();
    for (const { method, path } of app.routes) {
      if (method === "ALL" || method === "GET" || method === "HEAD") continue;
      const concrete = path.replace(":action", "start").replace(/:(\w+)(\{[^}]*\})?/g, "x");
      const name = actionName(method, path, paramsOf(path, concrete));
      assert(/^[a-z-]+\.[a-z-]+$/.test(name), `${method} ${path} has no readable name: ${name}`);
      names.set(`${method} ${path}`, name);
    }
    // Two routes naming one action would make the filter lie; :action routes are the exception
    // only in appearance (start here is just a sample).
    const counts = new Map<string, string[]>();
    for (const [route, name] of names) counts.set(name, [...counts.get(name) ?? [], route]);
    const shared = [...counts].filter(([, routes]) => routes.length > 1);
    assertEquals(shared, [], "each action names one route");
    assert(names.size > 50, `only ${names.size} routes seen`);
    assertEquals(names.get("DELETE /api/vms/:id"), "vm.delete");
    assertEquals(names.get("POST /api/pools"), "pool.create");
    assertEquals(names.get("PUT /api/vms/:id/guest/file"), "guest.file-write");
    for (const skipped of NOT_RECORDED) {
      assert([...names.values()].includes(skipped), `${skipped} is no route's name`);
    }
    // The one read recorded: opening a console.
    assert(app.routes.some((r) => r.method === "GET" && r.path === "/api/vms/:id/vnc"));
    assertEquals(actionName("GET", "/api/vms/:id/vnc", { id: VM }), "console.open");
    return Promise.resolve();
  });
});

Deno.test("audit trail - in front of the real app: a start, a refusal and a failure", async () => {
  await withTestApp(async ({ ctx, token, tokenFor }) => {
    // A log of its own, so the app's own trail (if mounted) does not count here.
    using store = Store.open(":memory:", { migrations: AUDIT_STEPS, quickCheck: false });
    const log = new AuditLog(store);
    const outer = new Hono();
    const inner = createApp(ctx);
    outer.use("*", auditTrail(log, () => new RouteTable(inner.declared)));
    outer.route("/", inner);
    const app = signedIn(outer, token);
    const post = (path: string, headers: Record<string, string> = {}) =>
      app.request(`http://localhost${path}`, { method: "POST", headers });
    const DB = "6b5a6f1e-0000-4000-8000-000000000002";
    assertEquals((await post(`/api/vms/${DB}/start`)).status, 200);
    assertEquals((await post(`/api/vms/${DB}/start`)).status, 409);
    const viewer = { authorization: `Bearer ${tokenFor("viewer")}` };
    assertEquals((await post(`/api/vms/${DB}/stop`, viewer)).status, 403);
    assertEquals((await app.request("http://localhost/api/vms")).status, 200);
    const entries = log.query({}).entries.toReversed();
    assertEquals(entries.map((e) => [e.via, e.action, e.target, e.result, e.errorCode]), [
      ["token", "vm.start", DB, "ok", null],
      ["token", "vm.start", DB, "error", "INVALID_STATE"],
      [entries[2].via, "vm.stop", DB, "denied", "FORBIDDEN"],
    ]);
    assertEquals(entries[1].message, "VM is already running");
    assert(entries[0].tokenName?.startsWith("test-"), `token name ${entries[0].tokenName}`);
  });
});

Deno.test("audit - a real WebSocket upgrade behind the trail opens and is recorded", async () => {
  using store = Store.open(":memory:", { migrations: AUDIT_STEPS, quickCheck: false });
  const log = new AuditLog(store);
  const app = new Hono();
  app.use("*", auditTrail(log, routes));
  // Deno closes the request once the upgrade is answered: the trail must not read it afterwards.
  app.get("/api/vms/:id/vnc", (c) => {
    const { socket, response } = Deno.upgradeWebSocket(c.req.raw);
    socket.onmessage = (e) => socket.send(e.data);
    return response;
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${server.addr.port}/api/vms/${VM}/vnc`);
    const echoed = await new Promise<string>((resolve, reject) => {
      ws.onopen = () => ws.send("ping");
      ws.onmessage = (e) => resolve(String(e.data));
      ws.onerror = () => reject(new Error("the upgrade failed"));
    });
    assertEquals(echoed, "ping");
    ws.close();
    await new Promise((r) => ws.onclose = r);
    const [entry] = log.query({}).entries;
    assertEquals([entry.action, entry.status, entry.target], ["console.open", 101, VM]);
  } finally {
    await server.shutdown();
  }
});
