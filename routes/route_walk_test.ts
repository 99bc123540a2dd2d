// Walks the whole app: every route is declared once (routes/declare.ts), every API route is in the
// OpenAPI document, the document passes a real OpenAPI 3.1 validator, and each declaration's
// rules agree with what the guards enforce for it (who may call it, its audit action, whether
// the degraded store refuses it).

import { Validator } from "@seriousme/openapi-schema-validator";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { needOf } from "../lib/auth/permissions.ts";
import { VM_ACTIONS } from "../shared/vms.ts";
import { type Declared, openApiPath } from "./declare.ts";
import { actionName, NOT_RECORDED, paramsOf } from "./middleware/audit.ts";
import { changesStore } from "./middleware/degraded.ts";
import { openApiDocument } from "./openapi.ts";
import { RouteTable } from "./route_table.ts";
import { withTestApp } from "./test_app.ts";
import { createApp } from "./app.ts";

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
  let document: ReturnType<typeof openApiDocument> | undefined;
  await withTestApp(({ ctx }) => {
    const app = createApp(ctx);
    declared = app.declared;
    routes = app.routes.map(({ method, path }) => ({ method, path }));
    document = openApiDocument(app);
    return Promise.resolve();
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

Deno.test("route walk - each declaration's rules are what the guards enforce for it", async () => {
  const { declared } = await declaredApp();
  const table = new RouteTable(declared);
  for (const route of declared) {
    const method = route.method.toUpperCase();
    const path = samplePath(route);
    const where = `${method} ${route.path}`;
    // The sample reaches this declaration, not another one declared before it.
    assertEquals(table.match(method, path)?.route.path, route.path, `${where} is shadowed`);

    const need = needOf(method, path);
    assertEquals(need.kind, route.access, `${where}: access`);

    if (method !== "GET") {
      assertEquals(
        typeof route.writesStore,
        "boolean",
        `${where} must say whether it writes the store`,
      );
      assertEquals(changesStore(method, path), route.writesStore, `${where}: writesStore`);
      const action = actionName(method, route.path, paramsOf(route.path, path));
      if (route.audit === null) assert(NOT_RECORDED.has(action), `${where}: ${action} is recorded`);
      else if (route.audit !== undefined) assertEquals(action, route.audit, `${where}: audit`);
      else assert(!NOT_RECORDED.has(action), `${where}: ${action} must say audit: null`);
    }
  }
  // Every lifecycle action reaches the one action route, for operators of the VM.
  for (const action of VM_ACTIONS) {
    assertEquals(table.match("POST", `/api/vms/${VM}/${action}`)?.route.access, "vm", action);
  }
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
