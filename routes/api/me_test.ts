// The language pages are shown in: the browser's Accept-Language, unless the account chose one
// in its settings (PUT /api/me/settings); kept in the store, bounded and checked.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const page = (
  app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> },
  lang?: string,
) => app.request("http://localhost/vms", { headers: lang ? { "accept-language": lang } : {} });

const languageOf = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];

Deno.test("me settings - a page speaks the browser's language, then the account's own choice", async () => {
  await withTestApp(async ({ app, req }) => {
    const german = await (await page(app, "de-CH,de;q=0.9,en;q=0.5")).text();
    assertEquals(languageOf(german), "de");
    assert(german.includes("/static/build/i18n_de.js"), "loads the German dictionary");
    assertEquals(languageOf(await (await page(app, "fr-FR,fr")).text()), "en");
    assertEquals(languageOf(await (await page(app)).text()), "en");

    assertEquals(await (await req("GET", "/api/me/settings")).json(), {
      language: "auto",
      shownIn: "en",
    });
    const put = await req("PUT", "/api/me/settings", { language: "de" });
    assertEquals([put.status, await put.json()], [200, { language: "de" }]);
    // The account's choice wins over the browser's.
    assertEquals(languageOf(await (await page(app, "en-US")).text()), "de");
    await req("PUT", "/api/me/settings", { language: "auto" });
    assertEquals(languageOf(await (await page(app, "en-US")).text()), "en");
  });
});

Deno.test("me settings - an unknown language is a 400 in plain words and changes nothing", async () => {
  await withTestApp(async ({ req }) => {
    const res = await req("PUT", "/api/me/settings", { language: "x".repeat(10_000) });
    assertEquals(res.status, 400);
    assertEquals(await res.json(), {
      code: "INVALID_INPUT",
      message: "language must be one of auto, en, de",
    });
    assertEquals((await (await req("GET", "/api/me/settings")).json()).language, "auto");
  });
});

Deno.test("me settings - each account its own: a viewer's choice leaves root's alone", async () => {
  await withTestApp(async ({ app, ctx, req }) => {
    // A viewer's session (sessions keep the role they were opened with).
    const { secret, csrf } = ctx.auth.sessions.create("alice", "viewer", "*", null);
    const put = await app.request("http://localhost/api/me/settings", {
      method: "PUT",
      headers: {
        cookie: `kvmm_session=${secret}`,
        "x-csrf-token": csrf,
        "content-type": "application/json",
      },
      body: JSON.stringify({ language: "de" }),
    });
    assertEquals(put.status, 200);
    assertEquals((await (await req("GET", "/api/me/settings")).json()).language, "auto");
  });
});

Deno.test("me settings - a session's change needs its CSRF token; none signed in gets 401", async () => {
  await withTestApp(async ({ app, ctx }) => {
    const { secret } = ctx.auth.sessions.create("alice", "viewer", "*", null);
    const put = (headers: Record<string, string>) =>
      app.request("http://localhost/api/me/settings", {
        method: "PUT",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ language: "de" }),
      });
    const refused = await put({ cookie: `kvmm_session=${secret}` });
    assertEquals([refused.status, (await refused.json()).code], [403, "CSRF_FAILED"]);
    // The test app signs in as root unless told otherwise: a bad bearer is nobody.
    assertEquals((await put({ authorization: "Bearer nobody" })).status, 401);
  });
});
