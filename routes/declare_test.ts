// reply(): a route whose handler is only a service call answers with the status its declaration
// gives, so the status is said once, where the OpenAPI document reads it.

import { z } from "zod";
import { assertEquals, assertThrows } from "../tests/support/assert.ts";
import { DeclaredApp, reply } from "./declare.ts";

/** A service of the kind routes call: what it was asked, kept for the test to read. */
function recorder() {
  const asked: unknown[] = [];
  return {
    asked,
    get: (pool: string, vol: string) => Promise.resolve({ pool, vol }),
    create: (pool: string, body: unknown) => {
      asked.push({ pool, body });
      return { made: pool };
    },
    remove: (pool: string) => {
      asked.push({ removed: pool });
      return { ignored: true };
    },
  };
}

const Body = z.object({ name: z.string() });

function app() {
  const svc = recorder();
  const routes = new DeclaredApp({ access: "admin", writesStore: false });
  routes.GET("/:pool/volumes/:vol", "One volume", reply(({ pool, vol }) => svc.get(pool, vol)));
  routes.POST("/:pool", "Make one", {
    body: { schema: Body },
    responses: { 201: "Made" },
  }, reply(({ pool }, body) => svc.create(pool, body)));
  routes.POST("/:pool/started", "Start one", {
    responses: { 202: "Started" },
  }, reply(({ pool }, body) => svc.create(pool, body)));
  routes.DELETE("/:pool", "Remove one", {
    responses: { 204: "Removed" },
  }, reply(({ pool }) => svc.remove(pool)));
  return { routes, svc };
}

const post = (body?: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

Deno.test("declare - reply answers what the call returns, path parameters given by name", async () => {
  const { routes } = app();
  const res = await routes.request("/p%20one/volumes/v1");
  assertEquals(res.status, 200);
  assertEquals(await res.json(), { pool: "p one", vol: "v1" });
});

Deno.test("declare - reply answers with the declared success status, the checked body passed", async () => {
  const { routes, svc } = app();
  const made = await routes.request("/p1", post({ name: "x" }));
  assertEquals([made.status, await made.json()], [201, { made: "p1" }]);
  const started = await routes.request("/p1/started", post());
  assertEquals([started.status, await started.json()], [202, { made: "p1" }]);
  assertEquals(svc.asked, [{ pool: "p1", body: { name: "x" } }, { pool: "p1", body: undefined }]);
});

Deno.test("declare - reply on a 204 route answers no body, whatever the call returns", async () => {
  const { routes, svc } = app();
  const res = await routes.request("/p1", { method: "DELETE" });
  assertEquals([res.status, await res.text()], [204, ""]);
  assertEquals(svc.asked, [{ removed: "p1" }]);
});

Deno.test("declare - reply refuses a route with more than one success status", () => {
  const routes = new DeclaredApp({ access: "admin" });
  const err = assertThrows(
    () =>
      routes.POST("/x", "Either", { responses: { 200: "Done", 202: "Started" } }, reply(() => 1)),
    Error,
  );
  assertEquals(err.message, "post /x: which success status does `reply` answer?");
});

Deno.test("declare - reply serves only on an API route, whose declaration it needs", async () => {
  const routes = new DeclaredApp({ access: "admin" });
  routes.page({ method: "get", path: "/page", summary: "A page" }, reply(() => "x"));
  routes.onError((err, c) => c.text(err.message, 500));
  const res = await routes.request("/page");
  assertEquals(
    [res.status, await res.text()],
    [500, "reply() is a handler of DeclaredApp's API routes only"],
  );
});
