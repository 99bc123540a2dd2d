// The guides as the program serves them: links between guides become /help/ links whose anchors
// exist, files the release does not ship lose their link, and raw HTML is shown as text.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { HELP_PAGES, helpHref, renderGuide, slug } from "./render.ts";

const DOCS = new URL("../../docs/", import.meta.url);
const source = (name: string) =>
  new URL(["install", "cli", "limits"].includes(name) ? `${name}.md` : `guide/${name}.md`, DOCS);

Deno.test("help - guide links to /help/, web links as they are, unshipped files as words", () => {
  assertEquals(helpHref("cluster.md"), "/help/cluster");
  assertEquals(helpHref("./storage.md#pools"), "/help/storage#pools");
  assertEquals(
    helpHref("../limits.md#high-availability-issue-48"),
    "/help/limits#high-availability-issue-48",
  );
  assertEquals(helpHref("../install.md"), "/help/install");
  assertEquals(helpHref("https://libvirt.org/"), "https://libvirt.org/");
  assertEquals(helpHref("#quorum"), "#quorum");
  assertEquals(helpHref("../dev/ha-bed.md"), null);
  assertEquals(helpHref("../../scripts/ha-bed.sh"), null);
});

Deno.test("help - headings get GitHub's anchors; raw HTML and images are text", async () => {
  assertEquals(slug("High availability (issue 48)"), "high-availability-issue-48");
  assertEquals(slug("What works today"), "what-works-today");
  const { title, html } = await renderGuide(
    "# A *guide*\n\n## Fencing: off?\n\nSee [the bed](../dev/ha-bed.md) and [limits](../limits.md).\n\n<script>x()</script>\n\n![shot](x.png)\n",
  );
  assertEquals(title, "A *guide*");
  assertMatch(html, /<h2 id="fencing-off">Fencing: off\?<\/h2>/);
  assertMatch(html, /See the bed and <a href="\/help\/limits">limits<\/a>\./);
  assert(!html.includes("<script>"), html);
  assertMatch(html, /&lt;script&gt;x\(\)&lt;\/script&gt;/);
  assert(!html.includes("<img"), html);
});

Deno.test("help - every shipped guide renders, and every /help/ link in them reaches a page and its heading", async () => {
  const rendered = new Map<string, string>();
  for (const name of HELP_PAGES) {
    rendered.set(name, (await renderGuide(await Deno.readTextFile(source(name)))).html);
  }
  const broken: string[] = [];
  for (const [name, html] of rendered) {
    for (const [, page, anchor] of html.matchAll(/href="\/help\/([a-z_]+)(?:#([^"]*))?"/g)) {
      const target = rendered.get(page);
      if (!target) broken.push(`${name} → ${page}`);
      else if (anchor && !target.includes(` id="${anchor}"`)) {
        broken.push(`${name} → ${page}#${anchor}`);
      }
    }
  }
  assertEquals(broken, []);
});
