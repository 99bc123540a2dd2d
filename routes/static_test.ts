// Tests for static file serving: types, revalidation and path traversal.

import { assertEquals, assertMatch } from "../lib/testing/assert.ts";
import { staticRoutes } from "./static.ts";

const app = staticRoutes();
const get = (path: string, headers: HeadersInit = {}) =>
  app.request(`http://localhost${path}`, { headers });

Deno.test("static - serves CSS with its type and an ETag", async () => {
  const res = await get("/app.css");
  assertEquals(res.status, 200);
  assertEquals(res.headers.get("content-type"), "text/css; charset=utf-8");
  assertEquals(res.headers.get("cache-control"), "no-cache");
  assertMatch(await res.text(), /--running/);
  const again = await get("/app.css", { "if-none-match": res.headers.get("etag")! });
  assertEquals(again.status, 304);
});

Deno.test("static - refuses traversal, unknown types and missing files", async () => {
  for (const path of ["/../deno.json", "/%2e%2e/deno.json", "/x/../../main.ts", "/nope.css"]) {
    const res = await get(path);
    assertEquals(res.status, 404, path);
    await res.body?.cancel();
  }
});
