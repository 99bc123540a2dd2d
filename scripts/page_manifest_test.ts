// The page list and the pages' bundles are generated from routes/pages/ (scripts/page_manifest.ts):
// the committed manifest matches the files, a new file is a new page with its islands, and a
// wrong island is refused at build time rather than warned about in a browser.

import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../tests/support/assert.ts";
import {
  ENTRIES_DIR,
  expectedManifest,
  generateEntries,
  listPages,
  pageIslands,
  ROOT,
} from "./page_manifest.ts";

Deno.test("page manifest - routes/pages.gen.ts lists every page file (run deno task build after adding one)", async () => {
  const { path, text } = await expectedManifest();
  assertEquals(await Deno.readTextFile(path), text);
});

/** A tree with the page files, the components they render and the layout's entries. */
async function copyTree(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "kvmm_pages_" });
  for (const dir of ["routes", "components", "islands/entries"]) {
    await copy(join(ROOT, dir), join(root, dir));
  }
  return root;
}

async function copy(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copy(join(from, e.name), join(to, e.name));
    else if (e.isFile) await Deno.copyFile(join(from, e.name), join(to, e.name));
  }
}

function assertStringIncludes(text: string, part: string) {
  assert(text.includes(part), `${JSON.stringify(part)} is not in:\n${text}`);
}

const PROBE = `
import { Island } from "../../components/Island.tsx";
import ImportXml from "../../islands/ImportXml.tsx";
import type { PageKit } from "../page_kit.tsx";

export default function (page: PageKit) {
  page.page("/probe", "Probe", (c) =>
    page.render(c, <Island name="ImportXml" component={ImportXml} props={{}} />, { title: "P" }));
}
`;

Deno.test("page manifest - one new file is a page, with a bundle of the islands it renders", async () => {
  const root = await copyTree();
  try {
    await Deno.writeTextFile(join(root, "routes/pages/probe.tsx"), PROBE);
    const entries = await generateEntries(root);
    const manifest = await Deno.readTextFile(join(root, "routes/pages.gen.ts"));
    assertStringIncludes(manifest, `import * as $probe from "./pages/probe.tsx";`);
    assertStringIncludes(manifest, "  probe: $probe,");
    const entry = join(root, ENTRIES_DIR, "probe.ts");
    assert(entries.includes(entry));
    const source = await Deno.readTextFile(entry);
    assertStringIncludes(source, `import ImportXml from "../../islands/ImportXml.tsx";`);
    assertStringIncludes(source, "hydrateIslands({ ImportXml });");
    // Every page of the tree has its entry, and so has each layout script.
    for (const page of await listPages(root)) {
      assert(entries.includes(join(root, ENTRIES_DIR, `${page}.ts`)), page);
    }
    assert(entries.includes(join(root, ENTRIES_DIR, "shell.ts")));
    // Removed again: its entry goes with it.
    await Deno.remove(join(root, "routes/pages/probe.tsx"));
    assert(!(await generateEntries(root)).includes(entry));
    await assertRejects(() => Deno.stat(entry), Deno.errors.NotFound);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("page manifest - an island named unlike its file, or not from islands/, is refused", async () => {
  const root = await copyTree();
  try {
    const page = join(root, "routes/pages/probe.tsx");
    await Deno.writeTextFile(page, PROBE.replace(`name="ImportXml"`, `name="Screen"`));
    const wrongName = await assertRejects(() => pageIslands("probe", root), Error);
    assertStringIncludes(String(wrongName), "island Screen is islands/ImportXml.tsx: name it so");
    await Deno.writeTextFile(page, PROBE.replace("../../islands/ImportXml.tsx", "../page_kit.tsx"));
    const notIsland = await assertRejects(() => pageIslands("probe", root), Error);
    assertStringIncludes(String(notIsland), "is not a default import from islands/");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("page manifest - a page's bundle holds the islands its file reaches, not another page's", async () => {
  // The console: noVNC's page does not carry spice-html5's island, which its file reaches only
  // through the SPICE console's page.
  const vnc = await pageIslands("vm_console");
  const spice = await pageIslands("vm_spice_console");
  assertEquals([...vnc.keys()], ["ConsoleStart", "VmActions", "VncConsole"]);
  assertEquals([...spice.keys()], ["ConsoleStart", "SpiceConsole", "VmActions"]);
  // Shell islands (the tree, the task panel) are the layout's, in no page's bundle.
  for (const page of await listPages()) {
    const islands = await pageIslands(page);
    assert(!islands.has("ResourceTree") && !islands.has("TaskPanel"), page);
  }
});

Deno.test("page manifest - a page that only its own file declares is served", async () => {
  // A tree inside the project (so deno.json's JSX and imports apply to it; .build/ is the
  // build's own, ignored by git and the tools) with routes/ copied, the probe page added and
  // the manifest generated again; the rest of the program linked. Served by a process of its
  // own: loaded here, the tree's second copy of the program (its own translator, its own
  // stores) would share this isolate with the other tests of the units' lane.
  await Deno.mkdir(join(ROOT, ".build"), { recursive: true });
  const root = await Deno.makeTempDir({ dir: join(ROOT, ".build"), prefix: "page_probe_" });
  try {
    await copy(join(ROOT, "routes"), join(root, "routes"));
    for await (const { name } of Deno.readDir(ROOT)) {
      if (![".git", ".build", "routes"].includes(name)) {
        await Deno.symlink(join(ROOT, name), join(root, name));
      }
    }
    await Deno.writeTextFile(join(root, "routes/pages/probe.tsx"), PROBE);
    await generateEntries(root);
    await Deno.writeTextFile(join(root, "serve_probe.ts"), SERVE_PROBE);
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--no-check", "--no-lock", join(root, "serve_probe.ts")],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder();
    assertEquals(code, 0, text.decode(stderr));
    const { status, html } = JSON.parse(text.decode(stdout));
    assertEquals(status, 200);
    assertStringIncludes(html, `data-island="ImportXml"`);
    assertStringIncludes(html, `<script type="module" src="/static/build/probe.js">`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

/** Asks the tree's pages for /probe, with the page fixtures' services (no libvirt). */
const SERVE_PROBE = `
import { pageRoutes } from "./routes/pages.tsx";
import { stubPageContext } from "./tests/harness/page_fixtures.ts";
const res = await pageRoutes(stubPageContext({ kvm: {} })).request("http://localhost/probe");
console.log(JSON.stringify({ status: res.status, html: await res.text() }));
`;
