// The layout rule "test helpers live under tests/": a module of a product folder (lib/, routes/,
// agent/, cli/, components/, islands/, ffi/, shared/; main.ts too for imports) is there for the
// product, so something other than tests uses it, and it imports nothing from tests/.
//
// A module counts as used by the product when a file that is no test (product code, main.ts, a
// script of scripts/) imports it or names it in a string (a worker's `workerUrl(…,
// "ffi/libvirt/worker.ts")`, `new URL("./main.ts", import.meta.url)`), or when the island build
// finds it by its folder (islands/entries/); a module used only by modules that are themselves
// there only for tests counts as a test's too. Tests are `*_test.ts(x)`, tests/ and bench/.
// A module nobody imports is not judged here (an entry point, or dead code). scripts/ is not
// walked: its files are tools run by tasks and the shell (build, release, the test runner,
// screenshots), some of them for the tests, and no product folder imports them.
//
// Imports are read from Deno's own module graph (`deno info --json`, as scripts/boundary_test.ts
// does): multi-line imports, `import type`, re-exports and dynamic `import()` all count.

import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assertEquals } from "../support/assert.ts";
import { gitFiles, isTestSide } from "./git_files.ts";

const ROOT = resolve(import.meta.dirname!, "../..");
const CONFIG = join(ROOT, "deno.json");
/** The folders of product code. */
export const PRODUCT_DIRS = [
  "lib",
  "routes",
  "agent",
  "cli",
  "components",
  "islands",
  "ffi",
  "shared",
];
/** Folders whose files the island build takes by their place, not by an import. */
const ENTRY_DIRS = ["islands/entries"];
/** Top-level folders whose files the graph is read for. */
const READ_DIRS = [...PRODUCT_DIRS, "scripts", "tests", "bench"];

/** Product code: a module of a product folder that is no test. */
export function isProduct(path: string): boolean {
  return PRODUCT_DIRS.some((dir) => path.startsWith(`${dir}/`)) && !isTestSide(path);
}

interface GraphModule {
  specifier: string;
  error?: string;
  dependencies?: {
    code?: { specifier?: string; span: { start: { line: number } } };
    type?: { specifier?: string; span: { start: { line: number } } };
  }[];
}

/** An import of one file by another, both relative to the root. */
interface Edge {
  from: string;
  to: string;
  /** 1-based line of the import; 0 for a path named in a string. */
  line: number;
}

/**
 * Every import among `files` (relative to `root`) from one `deno info` over a throwaway module
 * that imports them all.
 */
async function importsAmong(root: string, files: string[], config: string): Promise<Edge[]> {
  const dir = await Deno.makeTempDir({ prefix: "kvmm_layout_" });
  try {
    const all = join(dir, "all.ts");
    await Deno.writeTextFile(
      all,
      files.map((f) => `import "${pathToFileURL(join(root, f)).href}";\n`).join(""),
    );
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", "--no-remote", `--config=${config}`, all],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    if (code !== 0) throw new Error(`deno info failed:\n${dec.decode(stderr)}`);
    const modules: GraphModule[] = JSON.parse(dec.decode(stdout)).modules;
    const inRoot = (url?: string) => {
      if (!url?.startsWith("file:")) return undefined;
      const path = relative(root, fileURLToPath(url));
      return path.startsWith("..") ? undefined : path;
    };
    const wanted = new Set(files);
    const read = new Set<string>();
    const edges: Edge[] = [];
    for (const module of modules) {
      const from = inRoot(module.specifier);
      if (!from || !wanted.has(from)) continue;
      read.add(from);
      for (const dep of module.dependencies ?? []) {
        for (const use of [dep.code, dep.type]) {
          const to = inRoot(use?.specifier);
          if (use && to) edges.push({ from, to, line: use.span.start.line + 1 });
        }
      }
    }
    const unread = files.filter((f) => !read.has(f));
    if (unread.length) throw new Error(`deno info did not read ${unread.join(", ")}`);
    return edges;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Paths that `file` (no test) names in a string: "./x.ts", "../y.ts" or "ffi/z.ts". */
async function namedIn(root: string, file: string): Promise<Edge[]> {
  const text = await Deno.readTextFile(join(root, file));
  const edges: Edge[] = [];
  for (const [, path] of text.matchAll(/["'`]([\w./-]+\.tsx?)["'`]/g)) {
    const to = path.startsWith(".")
      ? relative(root, resolve(root, file, "..", path))
      : READ_DIRS.some((dir) => path.startsWith(`${dir}/`))
      ? path
      : undefined;
    if (to) edges.push({ from: file, to, line: 0 });
  }
  return edges;
}

/**
 * What breaks the rule among `files` (relative to `root`, every .ts/.tsx file of the read
 * folders): product modules used only by tests, each with its importers, and imports of tests/
 * by product code (main.ts included).
 */
export async function layoutBreaches(
  root: string,
  files: string[],
  config = CONFIG,
): Promise<{ testOnly: string[]; importsTests: string[] }> {
  const edges = await importsAmong(root, files, config);
  for (const file of files) if (!isTestSide(file)) edges.push(...await namedIn(root, file));
  const users = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (from === to) continue;
    if (!users.has(to)) users.set(to, new Set());
    users.get(to)!.add(from);
  }
  const entry = (path: string) => ENTRY_DIRS.some((dir) => path.startsWith(`${dir}/`));
  // Start from every used product module and take out each one something else uses, until
  // none is left to take out: what stays is used by tests alone, or through modules that are.
  const testOnly = new Set(files.filter((f) => isProduct(f) && !entry(f) && users.has(f)));
  for (let changed = true; changed;) {
    changed = false;
    for (const path of testOnly) {
      if ([...users.get(path)!].some((u) => !isTestSide(u) && !testOnly.has(u))) {
        testOnly.delete(path);
        changed = true;
      }
    }
  }
  const importsTests = edges
    .filter((e) => e.line > 0 && (isProduct(e.from) || e.from === "main.ts"))
    .filter((e) => e.to.startsWith("tests/"))
    .map((e) => `${e.from}:${e.line} imports ${e.to}`);
  const byName = (a: string, b: string) => a.localeCompare(b, "en");
  const some = (paths: string[]) =>
    paths.slice(0, 3).join(", ") + (paths.length > 3 ? ` and ${paths.length - 3} more` : "");
  return {
    testOnly: [...testOnly].sort(byName).map((path) =>
      `${path} (used only by ${some([...users.get(path)!].sort(byName))})`
    ),
    importsTests: [...new Set(importsTests)].sort(byName),
  };
}

/** The .ts/.tsx files git knows (tracked, or new and not ignored) in the read folders. */
async function projectFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const path of await gitFiles(ROOT)) {
    if (!/\.tsx?$/.test(path) || path.split("/").includes("node_modules")) continue;
    if (path !== "main.ts" && !READ_DIRS.some((dir) => path.startsWith(`${dir}/`))) continue;
    try {
      if (Deno.statSync(join(ROOT, path)).isFile) files.push(path);
    } catch { /* deleted, not yet staged */ }
  }
  return files.sort();
}

Deno.test("layout - no product folder holds a module only tests use, nor one that imports tests/", async () => {
  const { testOnly, importsTests } = await layoutBreaches(ROOT, await projectFiles());
  assertEquals(testOnly, [], "test helpers belong in tests/harness/ or tests/support/");
  assertEquals(importsTests, [], "product code imports nothing from tests/");
});

Deno.test("layout - the check tells test helpers from product modules, entry points and tools", async () => {
  // A throwaway tree outside the repo, read with the repo's deno.json (its import map).
  const root = await Deno.makeTempDir({ prefix: "kvmm_layout_tree_" });
  const tree: Record<string, string> = {
    "main.ts": `import { used } from "./lib/used.ts";\nexport const m = used;\n`,
    "lib/used.ts": `export const used = 1;\n`,
    "lib/used_test.ts": `import { used } from "./used.ts";\nimport { h } from "./helper.ts";\n` +
      `import { a } from "./cycle_a.ts";\nimport { w } from "../ffi/worker.ts";\n` +
      `import { e } from "../islands/entries/page.ts";\nimport { d } from "./deep.ts";\n` +
      `import type { T } from "./typed.ts";\nconst x: T = 1;\nexport { a, d, e, h, used, w, x };\n`,
    // Only a test imports it: a test helper.
    "lib/helper.ts": `import { s } from "../tests/support/s.ts";\nexport const h = s;\n`,
    // A cycle that only a test enters.
    "lib/cycle_a.ts": `import { b } from "./cycle_b.ts";\nexport const a = 1;\nexport { b };\n`,
    "lib/cycle_b.ts": `import { a } from "./cycle_a.ts";\nexport const b = a;\n`,
    // Used by the test helper deep.ts only: a test's too.
    "lib/deep.ts": `import { f } from "./deeper.ts";\nexport const d = f;\n`,
    "lib/deeper.ts": `export const f = 1;\n`,
    // Imported by a test as a type only.
    "lib/typed.ts": `export type T = number;\n`,
    // A worker started by its path in a string, and an island entry found by its folder.
    "ffi/worker.ts": `export const w = 1;\n`,
    "ffi/start.ts": `export const url = ["ffi/worker.ts"];\n`,
    "islands/entries/page.ts": `export const e = 1;\n`,
    // A tool that only its test imports, and one that uses the tests' helpers: not walked.
    "scripts/tool.ts": `import { s } from "../tests/support/s.ts";\nexport const t = s;\n`,
    "scripts/tool_test.ts": `import { t } from "./tool.ts";\nexport const x = t;\n`,
    "tests/support/s.ts": `export const s = 1;\n`,
  };
  try {
    for (const [path, text] of Object.entries(tree)) {
      await Deno.mkdir(join(root, path, ".."), { recursive: true });
      await Deno.writeTextFile(join(root, path), text);
    }
    const found = await layoutBreaches(root, Object.keys(tree).sort());
    assertEquals(found.testOnly, [
      "lib/cycle_a.ts (used only by lib/cycle_b.ts, lib/used_test.ts)",
      "lib/cycle_b.ts (used only by lib/cycle_a.ts)",
      "lib/deep.ts (used only by lib/used_test.ts)",
      "lib/deeper.ts (used only by lib/deep.ts)",
      "lib/helper.ts (used only by lib/used_test.ts)",
      "lib/typed.ts (used only by lib/used_test.ts)",
    ]);
    assertEquals(found.importsTests, ["lib/helper.ts:1 imports tests/support/s.ts"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
