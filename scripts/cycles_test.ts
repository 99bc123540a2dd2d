// Cycles in the product's imports (issue 59): between two files, and between lib/'s feature
// folders. A cycle means neither side can be read, tested or loaded without the other; between
// feature folders it means a feature cannot be left unloaded. `import type` counts: a type shared
// both ways couples two files as much as a function does.
//
// The cycles there were when this test came are listed below, and the list may only shrink: a new
// cycle fails with its files, and a mended one fails until it is taken off the list, so the list
// is always the truth. The goal is both lists empty.

import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { assertEquals } from "../tests/support/assert.ts";
import { importsOf, ROOT, sources } from "./module_graph.ts";

/** Folders and files of product code: what ships. */
const PRODUCT = ["agent", "cli", "components", "ffi", "islands", "lib", "routes", "shared"];

/** File cycles still to mend: each the sorted files of one strongly connected component. */
const KNOWN_FILE_CYCLES: string[][] = [];

/** Cycles between lib/'s feature folders still to mend, each a sorted component. */
const KNOWN_FOLDER_CYCLES: string[][] = [];

/** The strongly connected components of more than one node (Tarjan's algorithm), sorted. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Each product file (relative to the root) to the product files it imports. */
async function productGraph(): Promise<Map<string, Set<string>>> {
  const files = (await Promise.all(PRODUCT.map((d) => sources(`${ROOT}/${d}`)))).flat();
  files.push(`${ROOT}/main.ts`);
  const product = new Set(files.map((f) => relative(ROOT, f)));
  const graph = new Map<string, Set<string>>();
  for (const [file, imports] of await importsOf(files)) {
    const targets = new Set<string>();
    for (const imp of imports) {
      if (!imp.resolved?.startsWith("file:")) continue;
      const target = relative(ROOT, fileURLToPath(imp.resolved));
      if (product.has(target)) targets.add(target);
    }
    graph.set(relative(ROOT, file), targets);
  }
  return graph;
}

/** lib/'s feature folders (lib/<name>/…) and which others each imports; lib/'s own files aside. */
function folderGraph(files: Map<string, Set<string>>): Map<string, Set<string>> {
  const folder = (f: string) => /^lib\/[^/]+\//.exec(f)?.[0].slice(0, -1);
  const graph = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = folder(file);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    for (const target of targets) {
      const to = folder(target);
      if (to && to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** A component of i18n's catalogue files is named by its folder, not file by file. */
function named(component: string[]): string[] {
  if (component.every((f) => f.startsWith("shared/i18n/"))) {
    return [`shared/i18n/ (${component.length} files)`];
  }
  return component;
}

const graph = await productGraph();

Deno.test("cycles - no file cycle in product code but the known ones, which may only go", () => {
  assertEquals(
    cycles(graph).map(named),
    KNOWN_FILE_CYCLES,
    "A new cycle: break it (move what both sides need into a file of its own). A known one gone: " +
      "take it off KNOWN_FILE_CYCLES in scripts/cycles_test.ts.",
  );
});

Deno.test("cycles - no cycle between lib/'s feature folders but the known ones, which may only go", () => {
  assertEquals(
    cycles(folderGraph(graph)),
    KNOWN_FOLDER_CYCLES,
    "A new cycle or a larger one: a feature reached back into one that uses it. A smaller one: " +
      "update KNOWN_FOLDER_CYCLES in scripts/cycles_test.ts.",
  );
});

Deno.test("cycles - Tarjan's components: a ring, a self-contained pair and a chain", () => {
  const g = new Map<string, Set<string>>([
    ["a", new Set(["b"])],
    ["b", new Set(["c"])],
    ["c", new Set(["a", "d"])],
    ["d", new Set(["e"])],
    ["e", new Set(["d"])],
    ["f", new Set(["a"])],
  ]);
  assertEquals(cycles(g), [["a", "b", "c"], ["d", "e"]]);
  assertEquals(cycles(new Map([["x", new Set(["y"])], ["y", new Set()]])), []);
});
