// The language pages are shown in: the browser's Accept-Language, unless the account chose one
// in its settings (PUT /api/me/settings); kept in the store, bounded and checked.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { withTestApp } from "../test_app.ts";

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
