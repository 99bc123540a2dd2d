// The document around every page, rendered on the server: what a first visit must fetch and
// parse before it can draw the page.

import { renderToString } from "preact-render-to-string";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { Layout } from "./Layout.tsx";
import { BASE_STYLESHEET } from "../../components/shell/styles.ts";

function page(styles: string[] = []): string {
  return renderToString(
    <Layout
      title="Virtual machines"
      demo={false}
      activeAlerts={0}
      entry="list"
      styles={styles}
      connection={{ connected: true, uri: "qemu:///system", error: null, demo: false }}
      identity={{ user: "root", role: "admin", vms: "*", via: "session" }}
      csrf="token"
    >
      <p>the page</p>
    </Layout>,
  );
}

const stylesheets = (html: string) =>
  [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);

Deno.test("layout - one stylesheet for the shell and the kit, then the page's own", () => {
  assertEquals(stylesheets(page()), [`/static/${BASE_STYLESHEET}`, "/static/nojs.css"]);
  assertEquals(stylesheets(page(["/static/wizard.css"])), [
    `/static/${BASE_STYLESHEET}`,
    "/static/wizard.css",
    "/static/nojs.css",
  ]);
});

Deno.test("layout - the palette's button is in the HTML, its closed dialogs are not", () => {
  const html = page();
  assert(html.includes('id="palette-button"'), "the palette's button");
  assert(!html.includes("<dialog"), "no dialog: the palette and the shortcuts come with script");
  assert(!html.includes("palette-option"), "no palette entries");
});
