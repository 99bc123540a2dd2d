// The guides as pages of the program: listed at /help, one at /help/NAME from the Markdown the
// build ships, 404 for a name that is not a guide, and none without signing in.

import { assertEquals, assertMatch } from "../tests/support/assert.ts";
import { withTestApp } from "../tests/harness/test_app.ts";

Deno.test("help pages - the shipped guides, each a page; an unknown name is 404; signed out, none", async () => {
  await withTestApp(async ({ req, app }) => {
    const index = await req("GET", "/help");
    assertEquals(index.status, 200);
    const list = await index.text();
    assertMatch(list, /<a href="\/help\/cluster"[^>]*>High availability: the Cluster page/);
    assertMatch(list, /<a href="\/help\/limits"/);

    const cluster = await req("GET", "/help/cluster");
    assertEquals(cluster.status, 200);
    const html = await cluster.text();
    assertMatch(html, /<title>High availability: the Cluster page[^<]*<\/title>/);
    assertMatch(html, /<h2 id="what-works-today">What works today<\/h2>/);
    assertMatch(html, /<a href="\/help\/cluster" aria-current="page">/);

    assertEquals((await req("GET", "/help/nope")).status, 404);
    assertEquals((await req("GET", "/help/..%2Fapi")).status, 404);
    const signedOut = await app.request("http://localhost/help/cluster", {
      headers: { cookie: "kvmm_nothing=1", accept: "text/html" },
    });
    // Signed out, a browser gets the sign-in page in the guide's place.
    const page = await signedOut.text();
    assertMatch(page, /<form[^>]*login|Sign in/i);
    assertEquals(page.includes("What works today"), false, "no guide signed out");
  });
});
