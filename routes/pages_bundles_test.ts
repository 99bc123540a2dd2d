// Every page, rendered by the app on the test driver, loads one bundle of its own, and that
// bundle registers every island the page holds (the bundles are generated from the page files by
// scripts/page_manifest.ts). tests/a11y_browser_test.ts loads the same pages in Chromium and
// checks that each island hydrates.

import { assert, assertEquals } from "../tests/support/assert.ts";
import { withTestApp } from "../tests/harness/test_app.ts";
import { listLayoutEntries, listPages, pageIslands } from "../scripts/page_manifest.ts";
import { createApp } from "./app.ts";

const DOMAINS = [
  { name: "web", runstate: 1 as const, vnc: true, disk: true },
  { name: "spicy", runstate: 1 as const, spice: true },
  { name: "off", runstate: 5 as const, vnc: true },
];

const SCRIPT = /<script type="module" src="\/static\/build\/(\w+)\.js"/g;
const ISLAND = /data-island="(\w+)"/g;

Deno.test("pages - each page loads its own bundle, which registers every island on it", async () => {
  const layout = new Set(await listLayoutEntries());
  const pages = new Set(await listPages());
  await withTestApp(async (t) => {
    const ids = new Map(
      (await t.ctx.vms.listVms()).map((vm) => [vm.name, vm.id] as const),
    );
    const paths = createApp(t.ctx).declared
      .filter((d) => !d.api && d.method === "get" && !/^\/(static|agent)\b/.test(d.path))
      .map((d) => d.path);
    // Each VM page for a VNC, a SPICE and a stopped VM (the console of each has another bundle
    // or none), and the merged VM list of all hosts.
    const vmPaths = (path: string) =>
      path.includes(":id")
        ? [...ids.values()].map((id) => path.replace(":id", id))
        : [path.replace(":pool", "default").replace(":net", "default").replace(":page", "ui")];
    const visited = new Set<string>();
    const problems: string[] = [];
    for (const path of [...paths.flatMap(vmPaths), "/vms?host=all"]) {
      const res = await t.req("GET", path);
      const html = await res.text();
      assertEquals(res.status, 200, `${path}: ${html.slice(0, 300)}`);
      const bundles = [...html.matchAll(SCRIPT)].map(([, b]) => b).filter((b) => !layout.has(b));
      const islands = [...new Set([...html.matchAll(ISLAND)].map(([, i]) => i))];
      if (bundles.length === 0) {
        if (islands.length) problems.push(`${path}: islands ${islands} and no bundle`);
        continue;
      }
      assertEquals(bundles.length, 1, `${path} loads ${bundles}`);
      const [bundle] = bundles;
      assert(pages.has(bundle), `${path} loads ${bundle}, which is no page`);
      visited.add(bundle);
      const registered = await pageIslands(bundle);
      for (const island of islands) {
        if (!registered.has(island)) problems.push(`${path}: ${island} is not in ${bundle}.js`);
      }
    }
    assertEquals(problems, []);
    // Every page file was rendered by some path, the SPICE console's too.
    assertEquals([...pages].filter((p) => !visited.has(p)), []);
  }, DOMAINS);
});
