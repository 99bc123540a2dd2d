// The browser boundary (issue 22): islands/ and components/ (server-rendered, but some are also
// imported by islands and so bundled) import only from islands/, components/, shared/ and the npm
// packages of deno.json's import map; shared/ imports only itself and those packages, and calls
// no Deno API. So no server module (lib/, ffi/, routes/, node:) can reach a bundle by an import.
//
// Imports are read from Deno's own module graph (`deno info --json`, the parser the bundler uses),
// not from a regex: multi-line imports, `import type`, re-exports, side-effect imports and dynamic
// `import()` all count, and text in strings and comments does not. Test files are exempt.

import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assertEquals } from "../tests/support/assert.ts";
import { CONFIG, type Import, importsOf, ROOT, sources } from "./module_graph.ts";

const BROWSER_DIRS = ["islands", "components", "shared"];

const importMap: Record<string, string> = JSON.parse(await Deno.readTextFile(CONFIG)).imports;

/** A bare specifier deno.json maps to an npm package (e.g. "preact", "preact/hooks"). */
function isNpmPackage(specifier: string): boolean {
  return Object.entries(importMap).some(([key, target]) =>
    target.startsWith("npm:") &&
    (specifier === key || (key.endsWith("/") && specifier.startsWith(key)))
  );
}

function isLocal(specifier: string): boolean {
  return /^(\.{1,2}\/|\/|file:)/.test(specifier);
}

/**
 * Why `imp` breaks the boundary, or undefined if it keeps it: a local import must land in one of
 * `allowed` (folders of `root`); anything else must be an npm package of deno.json.
 */
function breach(imp: Import, allowed: string[], root = ROOT): string | undefined {
  if (isLocal(imp.specifier)) {
    const target = imp.resolved?.startsWith("file:")
      ? fileURLToPath(imp.resolved)
      : resolve(dirname(imp.file), imp.specifier);
    const rel = relative(root, target);
    if (allowed.some((dir) => rel.startsWith(`${dir}/`))) return undefined;
    return `reaches ${rel}, outside ${allowed.map((d) => `${d}/`).join(", ")}`;
  }
  if (isNpmPackage(imp.specifier)) return undefined;
  return "is not an npm package of deno.json's import map";
}

function breaches(graph: Map<string, Import[]>, allowed: string[], root = ROOT): string[] {
  const found = new Set<string>();
  for (const imports of graph.values()) {
    for (const imp of imports) {
      const why = breach(imp, allowed, root);
      if (why) found.add(`${relative(root, imp.file)}:${imp.line} "${imp.specifier}" ${why}`);
    }
  }
  return [...found].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

Deno.test("boundary - islands and components import only islands/, components/, shared/ and npm packages", async () => {
  const files = [
    ...await sources(join(ROOT, "islands")),
    ...await sources(join(ROOT, "components")),
  ];
  const graph = await importsOf(files);
  assertEquals(graph.size, files.length, "every island and component file was read");
  assertEquals(breaches(graph, BROWSER_DIRS), []);
});

Deno.test("boundary - the kit (components/) imports only components/, shared/ and npm packages: no island", async () => {
  // The browser's floors (issue 59): shared/ at the bottom, then the kit with the browser's
  // runtime (components/client/: requests, events, toasts, hydration), then the islands, then
  // the pages and the layout that render them (routes/pages/, routes/layout/).
  const files = await sources(join(ROOT, "components"));
  const graph = await importsOf(files);
  assertEquals(graph.size, files.length, "every component file was read");
  assertEquals(breaches(graph, ["components", "shared"]), []);
});

Deno.test("boundary - shared/ imports only shared/ and npm packages", async () => {
  const files = await sources(join(ROOT, "shared"));
  const graph = await importsOf(files);
  assertEquals(graph.size, files.length, "every shared file was read");
  assertEquals(breaches(graph, ["shared"]), []);
});

Deno.test("boundary - the server's lower floors (lib/, ffi/) import nothing from components/ or islands/", async () => {
  // What both sides need (sizes in words, wire types) is in shared/; pages and islands sit above
  // lib/, never below it (issue 59).
  const files = [...await sources(join(ROOT, "lib")), ...await sources(join(ROOT, "ffi"))];
  const graph = await importsOf(files);
  assertEquals(graph.size, files.length, "every lib/ and ffi/ file was read");
  const found: string[] = [];
  for (const imports of graph.values()) {
    for (const imp of imports) {
      if (!isLocal(imp.specifier)) continue;
      const target = imp.resolved?.startsWith("file:")
        ? fileURLToPath(imp.resolved)
        : resolve(dirname(imp.file), imp.specifier);
      const rel = relative(ROOT, target);
      if (rel.startsWith("components/") || rel.startsWith("islands/")) {
        found.push(`${relative(ROOT, imp.file)}:${imp.line} "${imp.specifier}" reaches ${rel}`);
      }
    }
  }
  assertEquals(found.sort(), []);
});

Deno.test("boundary - shared/ calls no Deno API", async () => {
  const found: string[] = [];
  for (const file of await sources(join(ROOT, "shared"))) {
    const lines = (await Deno.readTextFile(file)).split("\n");
    lines.forEach((text, i) => {
      if (/\bDeno\s*[.[]/.test(text)) {
        found.push(`${relative(ROOT, file)}:${i + 1}: ${text.trim()}`);
      }
    });
  }
  assertEquals(found, []);
});

Deno.test("boundary - the check sees every form of import and nothing in strings or comments", async () => {
  // A throwaway tree outside the repo, resolved with the repo's deno.json (its import map).
  const root = await Deno.makeTempDir({ prefix: "kvmm_boundary_" });
  try {
    await Deno.mkdir(join(root, "islands"));
    await Deno.mkdir(join(root, "shared"));
    await Deno.writeTextFile(join(root, "shared", "ok.ts"), "export const ok = 1;\n");
    const island = join(root, "islands", "Fixture.tsx");
    await Deno.writeTextFile(
      island,
      [
        `import {`,
        `  a,`,
        `  b,`,
        `} from "../lib/multi_line.ts";`,
        `import type { T } from "../lib/type_only.ts";`,
        `import { type U, v } from "../lib/inline_type.ts";`,
        `export { c } from "../ffi/re_export.ts";`,
        `export * from "../routes/star.ts";`,
        `export type { W } from "../lib/type_re_export.ts";`,
        `import "../lib/side_effect.ts";`,
        `const dyn = await import("../lib/dynamic.ts");`,
        `import { readFile } from "node:fs";`,
        `import unmapped from "unmapped-package";`,
        `import { ok } from "../shared/ok.ts";`,
        `import { h } from "preact";`,
        `import { useState } from "preact/hooks";`,
        `const text = 'import { x } from "../lib/in_string.ts"';`,
        `// import { y } from "../lib/in_comment.ts";`,
        `/* export * from "../lib/in_block_comment.ts"; */`,
      ].join("\n") + "\n",
    );
    const graph = await importsOf([island], CONFIG);
    const OUTSIDE = "outside islands/, components/, shared/";
    const found = breaches(graph, BROWSER_DIRS, root);
    // Each breach names its file, line and specifier, in the order of the file.
    assertEquals(found, [
      `islands/Fixture.tsx:4 "../lib/multi_line.ts" reaches lib/multi_line.ts, ${OUTSIDE}`,
      `islands/Fixture.tsx:5 "../lib/type_only.ts" reaches lib/type_only.ts, ${OUTSIDE}`,
      `islands/Fixture.tsx:6 "../lib/inline_type.ts" reaches lib/inline_type.ts, ${OUTSIDE}`,
      `islands/Fixture.tsx:7 "../ffi/re_export.ts" reaches ffi/re_export.ts, ${OUTSIDE}`,
      `islands/Fixture.tsx:8 "../routes/star.ts" reaches routes/star.ts, ${OUTSIDE}`,
      `islands/Fixture.tsx:9 "../lib/type_re_export.ts" reaches lib/type_re_export.ts, ${OUTSIDE}`,
      `islands/Fixture.tsx:10 "../lib/side_effect.ts" reaches lib/side_effect.ts, ${OUTSIDE}`,
      `islands/Fixture.tsx:11 "../lib/dynamic.ts" reaches lib/dynamic.ts, ${OUTSIDE}`,
      `islands/Fixture.tsx:12 "node:fs" is not an npm package of deno.json's import map`,
      `islands/Fixture.tsx:13 "unmapped-package" is not an npm package of deno.json's import map`,
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
