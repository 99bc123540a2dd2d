// Walks the whole app: every route is declared once (routes/declare.ts), every API route is in the
// OpenAPI document, the document passes a real OpenAPI 3.1 validator, and the running app's
// guards enforce what each declaration says (who may call it, its audit action, whether the
// degraded store refuses it): they read nothing else.

import { Validator } from "@seriousme/openapi-schema-validator";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { VM_ACTIONS } from "../shared/vms.ts";
import { type Declared, openApiPath } from "./declare.ts";
import { declaredAction } from "./middleware/audit.ts";
import { changesStore } from "./middleware/degraded.ts";
import { openApiDocument } from "./openapi.ts";
import { RouteTable } from "./route_table.ts";
import { withTestApp } from "../tests/harness/test_app.ts";
import { createApp } from "./app.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "./middleware/auth.ts";

const VM = "0a4e1e5c-0000-4000-8000-000000000001";

/** A request path that reaches `route` (its parameters filled in). */
function samplePath(route: Declared, action = "start"): string {
  return route.path
    .replace(":action", action)
    .replace(":id", VM)
    .replace(/:(\w+)\{[^}]*\}/g, "a/b")
    .replace(/:(\w+)/g, "x");
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** The whole app's declarations, routes and document, read once for the walks below. */
async function readApp() {
  let declared: Declared[] = [];
  let routes: { method: string; path: string }[] = [];
  let document: Awaited<ReturnType<typeof openApiDocument>> | undefined;
  await withTestApp(async ({ ctx }) => {
    const app = createApp(ctx);
    declared = app.declared;
    routes = app.routes.map(({ method, path }) => ({ method, path }));
    document = await openApiDocument(app);
  });
  return { declared, routes, document: document! };
}

let walked: ReturnType<typeof readApp> | undefined;
const declaredApp = () => walked ??= readApp();

Deno.test("route walk - every route of the app is declared once, and every declaration is a route", async () => {
  const { declared, routes } = await declaredApp();
  const declaredKeys = declared.map((d) => key(d.method, d.path));
  const twice = declaredKeys.filter((k, i) => declaredKeys.indexOf(k) !== i);
  assertEquals(twice, [], "declared twice");
  // Middleware is registered for ALL methods; OpenAPI validators register the same path again.
  const routed = new Set(
    routes.filter((r) => r.method !== "ALL").map((r) => key(r.method, r.path)),
  );
  const undeclared = [...routed].filter((k) => !declaredKeys.includes(k));
  assertEquals(undeclared, [], "routes without a declaration");
  const unrouted = declaredKeys.filter((k) => !routed.has(k));
  assertEquals(unrouted, [], "declarations without a route");
  assert(declared.length > 140, `only ${declared.length} routes`);
});

Deno.test("route walk - every API route is in the OpenAPI document, which a real validator accepts", async () => {
  const { declared, document } = await declaredApp();
  const inDoc = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of Object.keys(item as object)) inDoc.add(key(method, path));
    // Every {name} of a path is a declared path parameter (the validator does not check it).
    for (const [method, op] of Object.entries(item as Record<string, { parameters?: unknown[] }>)) {
      const names = (op.parameters ?? []) as { name: string; in: string }[];
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        assert(names.some((p) => p.in === "path" && p.name === name), `${method} ${path}: ${name}`);
      }
    }
  }
  const api = declared.filter((d) => d.api).map((d) => key(d.method, openApiPath(d.path)));
  assertEquals(api.filter((k) => !inDoc.has(k)), [], "API routes missing from the document");
  assertEquals([...inDoc].filter((k) => !api.includes(k)), [], "document paths with no API route");
  // Pages and assets are not part of the JSON API.
  assert(!inDoc.has("GET /login") && !inDoc.has("GET /"), "pages are not in the document");

  const validator = new Validator();
  const result = await validator.validate(document as unknown as Record<string, unknown>);
  assertEquals(result.errors, undefined, JSON.stringify(result.errors, null, 2));
  assertEquals([result.valid, validator.version], [true, "3.1"]);
  // A broken document is refused: the check is real.
  const broken = structuredClone(document) as unknown as { paths: Record<string, unknown> };
  broken.paths["/api/vms"] = { get: { responses: { 200: {} } } };
  assertEquals((await new Validator().validate(broken)).valid, false);
});

Deno.test("route walk - every pattern in the document is a JSON Schema pattern (no JS flags)", async () => {
  const { document } = await declaredApp();
  const patterns: string[] = [];
  JSON.stringify(document, (key, value) => {
    if (key === "pattern" && typeof value === "string") patterns.push(value);
    return value;
  });
  assert(patterns.length > 0, "the document has patterns");
  // A RegExp's source with its flags ("^…$/i") still compiles, but matches nothing as JSON Schema.
  const flagged = patterns.filter((p) => /\/[dgimsuvy]+$/.test(p));
  assertEquals(flagged, [], "patterns carrying JavaScript flags");
  for (const p of patterns) new RegExp(p, "u");
});

Deno.test("route walk - each route is reached by its own sample path, and says what the guards need", async () => {
  const { declared } = await declaredApp();
  const table = new RouteTable(declared);
  for (const route of declared) {
    const method = route.method.toUpperCase();
    const where = `${method} ${route.path}`;
    // The sample reaches this declaration, not another one declared before it.
    assertEquals(
      table.match(method, samplePath(route))?.route.path,
      route.path,
      `${where} is shadowed`,
    );
    // The auth guard asks the VM's operators about the VM in :id.
    if (route.access === "vm") assert(route.path.includes("/:id"), `${where}: no :id`);
    if (method !== "GET") {
      assertEquals(
        typeof route.writesStore,
        "boolean",
        `${where} must say whether it writes the store`,
      );
    }
  }
  // Every lifecycle action reaches the one action route, for operators of the VM.
  for (const action of VM_ACTIONS) {
    assertEquals(table.match("POST", `/api/vms/${VM}/${action}`)?.route.access, "vm", action);
  }
});

Deno.test("route walk - the guards of the running app enforce each declaration: access, audit name, degraded store", async () => {
  await withTestApp(async ({ ctx, tokenFor }) => {
    const app = createApp(ctx);
    const degraded = createApp({ ...ctx, storeDegraded: "the walk's store is read-only" });
    const table = new RouteTable(app.declared);
    const viewer = `Bearer ${tokenFor("viewer")}`;
    const admin = `Bearer ${tokenFor("admin")}`;
    const other = `Bearer ${tokenFor("operator", ["0a4e1e5c-0000-4000-8000-00000000ffff"])}`;
    // An admin signed in, for the routes a token may not call (declared sessionOnly).
    const session = ctx.auth.sessions.create("root", "admin", "*", null);
    const signedIn = {
      cookie: `${SESSION_COOKIE}=${session.secret}`,
      [CSRF_HEADER]: session.csrf,
      accept: "application/json",
    };
    const send = (on: typeof app, route: Declared, authorization?: string) =>
      on.request(`http://localhost${samplePath(route)}`, {
        method: route.method.toUpperCase(),
        headers: authorization === "session"
          ? signedIn
          : authorization
          ? { authorization, accept: "application/json" }
          : { accept: "application/json" },
      });
    const lastEntry = () => ctx.audit.query({ limit: 1 }).entries[0];
    let checked = 0;
    for (const route of app.declared) {
      const method = route.method.toUpperCase();
      const where = `${method} ${route.path}`;
      const codeOf = async (res: Response) => (await res.json()).code;
      if (route.access !== "public") {
        // No caller: refused before the handler, whatever the route.
        const res = await send(app, route);
        assertEquals([res.status, await codeOf(res)], [401, "UNAUTHENTICATED"], where);
      }
      if (route.access === "admin" || route.access === "vm") {
        const before = lastEntry()?.id ?? 0;
        const res = await send(app, route, viewer);
        assertEquals([res.status, await codeOf(res)], [403, "FORBIDDEN"], `${where} as a viewer`);
        // The refusal is audited under the action the declaration names (reads are not).
        const entry = lastEntry();
        const action = declaredAction(
          route,
          method,
          table.match(method, samplePath(route))!.params,
        );
        if (method === "GET" || action === null) assertEquals(entry?.id ?? 0, before, where);
        else assertEquals([entry.action, entry.result], [action, "denied"], where);
        checked++;
      }
      if (route.access === "vm") {
        // An operator of other VMs only.
        const res = await send(app, route, other);
        assertEquals(
          [res.status, await codeOf(res)],
          [403, "FORBIDDEN"],
          `${where} for another VM`,
        );
      }
      if (route.writesStore) {
        const res = await send(degraded, route, route.sessionOnly ? "session" : admin);
        assertEquals(
          [res.status, await codeOf(res)],
          [503, "STORE_UNAVAILABLE"],
          `${where} with a degraded store`,
        );
      }
      // Not writing the store, it is not the degraded guard's to refuse.
      assertEquals(
        changesStore(table, method, samplePath(route)),
        route.writesStore === true,
        where,
      );
    }
    assert(checked > 80, `only ${checked} routes need more than reading`);
  });
});

Deno.test("route walk - the document and the reference page are served", async () => {
  await withTestApp(async ({ app }) => {
    const res = await app.request("http://localhost/api/openapi.json");
    assertEquals(res.status, 200);
    const doc = await res.json();
    assertEquals(doc.openapi, "3.1.0");
    assert(doc.paths["/api/vms/{id}/{action}"]?.post, "the action route is documented");
    const page = await app.request("http://localhost/api-reference", {
      headers: { accept: "text/html" },
    });
    assertEquals(page.status, 200);
    const html = await page.text();
    assert(html.includes("API reference"), "the page has its title");
    for (const path of Object.keys(doc.paths)) {
      assert(html.includes(path.replaceAll("&", "&amp;")), `${path} is on the page`);
    }
  });
});
