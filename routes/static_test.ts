// Tests for static file serving: types, revalidation and path traversal.

import { assertEquals, assertMatch } from "../tests/support/assert.ts";
import { staticRoutes } from "./static.ts";

const app = staticRoutes();
const get = (path: string, headers: HeadersInit = {}) =>
  app.request(`http://localhost${path}`, { headers });

Deno.test("static - serves CSS with its type and an ETag", async () => {
  const res = await get("/kit.css");
  assertEquals(res.status, 200);
  assertEquals(res.headers.get("content-type"), "text/css; charset=utf-8");
  assertEquals(res.headers.get("cache-control"), "no-cache");
  assertMatch(await res.text(), /--running/);
  const again = await get("/kit.css", { "if-none-match": res.headers.get("etag")! });
  assertEquals(again.status, 304);
});

Deno.test("static - refuses traversal, unknown types and missing files", async () => {
  for (const path of ["/../deno.json", "/%2e%2e/deno.json", "/x/../../main.ts", "/nope.css"]) {
    const res = await get(path);
    assertEquals(res.status, 404, path);
    await res.body?.cancel();
  }
});

Deno.test("static - the agent's build folder is not served here (it is admin-only at /agent/)", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-static-" });
  try {
    await Deno.mkdir(`${root}/build/agent`, { recursive: true });
    await Deno.writeTextFile(`${root}/build/agent/kvmm-agent.js`, "// kvmm-agent\n");
    await Deno.writeTextFile(`${root}/build/app.js`, "// app\n");
    const app = staticRoutes(root);
    const ok = await app.request("http://localhost/build/app.js");
    assertEquals(ok.status, 200);
    await ok.body?.cancel();
    for (
      const path of [
        "/build/agent/kvmm-agent.js",
        "/build//agent/kvmm-agent.js",
        "/build/./agent/kvmm-agent.js",
        "/build/x/../agent/kvmm-agent.js",
        "/build%2Fagent%2Fkvmm-agent.js",
      ]
    ) {
      const res = await app.request(`http://localhost${path}`);
      assertEquals(res.status, 404, path);
      await res.body?.cancel();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
