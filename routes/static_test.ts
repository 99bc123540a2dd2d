// Tests for static file serving: types, revalidation, path traversal and the joined base.css.

import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { BASE_STYLESHEET, BASE_STYLESHEET_PARTS } from "../components/shell/styles.ts";
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

Deno.test("static - base.css is the Layout's stylesheets joined in order, renewed when one changes", async () => {
  const root = await Deno.makeTempDir({ prefix: "kvmm-static-" });
  try {
    for (const part of BASE_STYLESHEET_PARTS) {
      await Deno.writeTextFile(`${root}/${part}`, `.${part.replace(".css", "")} { color: red; }`);
    }
    const app = staticRoutes(root);
    const res = await app.request(`http://localhost/${BASE_STYLESHEET}`);
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("content-type"), "text/css; charset=utf-8");
    const css = await res.text();
    const at = BASE_STYLESHEET_PARTS.map((part) => css.indexOf(`.${part.replace(".css", "")} {`));
    assert(at.every((i) => i >= 0), `every part is in it: ${at}`);
    assertEquals(at, [...at].sort((a, b) => a - b), "in cascade order");
    const etag = res.headers.get("etag")!;
    const same = await app.request(`http://localhost/${BASE_STYLESHEET}`, {
      headers: { "if-none-match": etag },
    });
    assertEquals(same.status, 304);
    await Deno.writeTextFile(`${root}/vmlist.css`, ".vmlist { color: blue; }");
    const renewed = await app.request(`http://localhost/${BASE_STYLESHEET}`, {
      headers: { "if-none-match": etag },
    });
    assertEquals(renewed.status, 200);
    assertMatch(await renewed.text(), /\.vmlist \{ color: blue; \}/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("static - base.css holds the real stylesheets", async () => {
  const css = await (await get(`/${BASE_STYLESHEET}`)).text();
  for (const part of BASE_STYLESHEET_PARTS) {
    const own = await Deno.readTextFile(new URL(`../static/${part}`, import.meta.url));
    assert(css.includes(own), `${part} is in base.css`);
  }
});
