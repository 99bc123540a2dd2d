// The bundle build's inputs come from the import graph of the island entries: every shared/
// module the browser code imports is one, so editing it rebuilds the bundles.

import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { buildInputs, bundleInputs, isStale, listEntries, staleBundles } from "./build.ts";
import { generateEntries } from "./page_manifest.ts";

const ROOT = join(import.meta.dirname!, "..");

Deno.test("build - every shared module the islands import is an input of the bundles", async () => {
  const inputs = await bundleInputs(await listEntries());
  // Five that a hand-kept list once missed (stale bundles were served after editing them).
  for (
    const file of [
      "shared/zoned_time.ts",
      "shared/backups.ts",
      "shared/snapshots.ts",
      "shared/auth.ts",
      "shared/scheduler.ts",
      "shared/vm_config.ts",
      "shared/names.ts",
      "shared/format.ts",
    ]
  ) {
    assert(inputs.has(join(ROOT, file)), `${file} is not among the bundle inputs`);
  }
  // Only local files the bundles really hold.
  for (const file of inputs) assert(file.startsWith(ROOT), file);
  assert(![...inputs].some((f) => f.includes("/ffi/")), "no FFI code in the browser bundles");
});

interface GraphModule {
  specifier: string;
  dependencies?: { code?: { specifier?: string }; type?: { specifier?: string } }[];
}

/**
 * Deno's own module graph of the entries (the parser the bundler uses): the local files reached
 * through run-time imports, and those reached from them only through type-only ones.
 */
async function denoGraph(
  entries: string[],
): Promise<{ runtime: Set<string>; typeOnly: Set<string> }> {
  const modules = new Map<string, GraphModule>();
  for (const entry of entries) {
    const { code, stdout } = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", "--no-remote", entry],
      cwd: ROOT,
      stdout: "piped",
      stderr: "inherit",
    }).output();
    assert(code === 0, `deno info ${entry} failed`);
    for (const m of JSON.parse(new TextDecoder().decode(stdout)).modules as GraphModule[]) {
      modules.set(m.specifier, m);
    }
  }
  const runtime = new Set<string>();
  const todo = entries.map((e) => pathToFileURL(e).href);
  while (todo.length) {
    const url = todo.pop()!;
    if (!url.startsWith("file:") || runtime.has(fileURLToPath(url))) continue;
    runtime.add(fileURLToPath(url));
    for (const dep of modules.get(url)?.dependencies ?? []) {
      if (dep.code?.specifier) todo.push(dep.code.specifier);
    }
  }
  const typeOnly = new Set<string>();
  for (const file of runtime) {
    for (const dep of modules.get(pathToFileURL(file).href)?.dependencies ?? []) {
      const url = dep.type?.specifier;
      if (url?.startsWith("file:") && !runtime.has(fileURLToPath(url))) {
        typeOnly.add(fileURLToPath(url));
      }
    }
  }
  return { runtime, typeOnly };
}

Deno.test("build - the bundle inputs are exactly the run-time import graph; type-only imports are not inputs", async () => {
  const entries = await listEntries();
  const inputs = await bundleInputs(entries);
  const graph = await denoGraph(entries);
  const rel = (files: Iterable<string>) => [...files].map((f) => relative(ROOT, f)).sort();
  assertEquals(rel(inputs), rel(graph.runtime));
  // The wire type of the event stream is imported by the islands only with `import type`, which
  // the bundler erases: it is no input, so the regex that reads imports tells the two apart.
  assert(
    graph.typeOnly.has(join(ROOT, "shared/events.ts")),
    "islands import shared/events.ts as a type",
  );
  assert(!inputs.has(join(ROOT, "shared/events.ts")), "a type-only import is not an input");
  for (const file of graph.typeOnly) {
    assert(!inputs.has(file), `${relative(ROOT, file)} is type-only`);
  }
});

/** Copies the .ts/.tsx files under `from` to `to`, keeping their folders. */
async function copySources(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copySources(join(from, entry.name), join(to, entry.name));
    else if (/\.tsx?$/.test(entry.name)) {
      await Deno.copyFile(join(from, entry.name), join(to, entry.name));
    }
  }
}

Deno.test("build - editing any bundled shared file makes the bundles stale", async () => {
  // A copy of the browser code, so the edits touch no file of the working tree.
  const copy = await Deno.makeTempDir({ prefix: "kvmm_build_" });
  try {
    // routes/ too: the pages' entries are generated from the page files.
    for (const dir of ["islands", "components", "shared", "routes"]) {
      await copySources(join(ROOT, dir), join(copy, dir));
    }
    const entries = await generateEntries(copy);
    const bundled = await bundleInputs(entries);
    // The copy's graph is the working tree's, file for file.
    assertEquals(
      [...bundled].map((f) => relative(copy, f)).sort(),
      [...await bundleInputs(await listEntries())].map((f) => relative(ROOT, f)).sort(),
    );
    const shared = [...bundled].filter((f) => relative(copy, f).startsWith("shared/"));
    assert(shared.length >= 10, `only ${shared.length} shared files in the bundles`);
    // What the build itself compares its outputs against.
    const inputs = await buildInputs(entries);

    // Fresh bundles: every output is newer than every input (an hour ahead of now).
    const built = new Date(Date.now() + 3600_000);
    const outputs = [join(copy, "out", "a.js"), join(copy, "out", "b.js")];
    await Deno.mkdir(join(copy, "out"));
    for (const out of outputs) {
      await Deno.writeTextFile(out, "");
      await Deno.utime(out, built, built);
    }
    assert(!await isStale(inputs, outputs), "fresh bundles are up to date");
    assert(await isStale(inputs, [...outputs, join(copy, "out", "missing.js")]), "missing output");

    for (const file of shared) {
      const { mtime } = await Deno.stat(file);
      const source = await Deno.readTextFile(file);
      // An edit after the build.
      await Deno.writeTextFile(file, `${source}// edited\n`);
      const edited = new Date(built.getTime() + 60_000);
      await Deno.utime(file, edited, edited);
      assert(await isStale(inputs, outputs), `editing ${relative(copy, file)} does not rebuild`);
      await Deno.writeTextFile(file, source);
      await Deno.utime(file, mtime!, mtime!);
      assert(!await isStale(inputs, outputs), `${relative(copy, file)} restored`);
    }
  } finally {
    await Deno.remove(copy, { recursive: true });
  }
});

Deno.test("build - a bundle no page or layout script makes any more is found, to be removed", async () => {
  const out = await Deno.makeTempDir({ prefix: "kvmm_build_out_" });
  try {
    for (const name of ["vms.js", "list.js", "uPlot.min.css"]) {
      await Deno.writeTextFile(join(out, name), "");
    }
    await Deno.mkdir(join(out, "agent"));
    await Deno.writeTextFile(join(out, "agent", "kvmm-agent.js"), "");
    assertEquals(await staleBundles(out, [join(out, "vms.js")]), [join(out, "list.js")]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
