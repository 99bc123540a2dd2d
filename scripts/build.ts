// Bundles the browser entries into static/build/: one per page, generated from the islands the
// page renders, and the layout's own (islands/entries/); see scripts/page_manifest.ts.

import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAgent } from "../agent/build.ts";
import { HELP_PAGES } from "../lib/help/render.ts";
import { runtimeImports } from "./source_imports.ts";
import { generateEntries } from "./page_manifest.ts";

const ROOT = join(import.meta.dirname!, "..");
const OUT = join(ROOT, "static", "build");
// Also an input: changing the import map (e.g. a package version) must rebuild.
const CONFIG = join(ROOT, "deno.json");
const UPLOT_CSS = "uplot/dist/uPlot.min.css";
// xterm.js's own stylesheet, for the serial console page.
const XTERM_CSS = "@xterm/xterm/css/xterm.css";
// The guest agent, its unit and an example config, handed out at /agent/ (routes/agent_files.ts).
const AGENT_SRC = join(ROOT, "agent");
const AGENT_OUT = join(OUT, "agent");
const AGENT_FILES = [
  [join(AGENT_SRC, "kvmm-agent.service"), join(AGENT_OUT, "kvmm-agent.service")],
  [join(AGENT_SRC, "config.example.json"), join(AGENT_OUT, "config.json")],
];

// The user guides the program serves at /help/ (lib/help/render.ts): shipped with static/.
const DOCS = join(ROOT, "docs");
const HELP_OUT = join(OUT, "help");
const TOP_LEVEL_DOCS: string[] = ["install", "cli", "limits"];
const HELP_FILES = HELP_PAGES.map((name) => [
  join(DOCS, TOP_LEVEL_DOCS.includes(name) ? "" : "guide", `${name}.md`),
  join(HELP_OUT, `${name}.md`),
]);

async function newestMtime(path: string): Promise<number> {
  const info = await Deno.stat(path);
  if (!info.isDirectory) return info.mtime?.getTime() ?? Infinity;
  let newest = 0;
  for await (const entry of Deno.readDir(path)) {
    newest = Math.max(newest, await newestMtime(join(path, entry.name)));
  }
  return newest;
}

async function mtimeOrZero(path: string): Promise<number> {
  try {
    return (await Deno.stat(path)).mtime?.getTime() ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Every local file the bundles are made from: the entries and all they import, followed through
 * relative imports (islands, components and the browser-safe shared/ modules alike), so editing
 * any of them rebuilds, with no hand-kept list to fall behind.
 */
export async function bundleInputs(entries: string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await Deno.readTextFile(file);
    for (const spec of runtimeImports(source)) todo.push(join(dirname(file), spec));
  }
  return seen;
}

/** The entries, generated afresh (each file written only when it changed). */
export function listEntries(): Promise<string[]> {
  return generateEntries(ROOT);
}

async function bundle(entries: string[]): Promise<void> {
  const args = [
    "bundle",
    "--quiet",
    "--platform=browser",
    "--format=esm",
    "--minify",
    `--outdir=${OUT}`,
    ...entries,
  ];
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(`deno bundle failed:\n${new TextDecoder().decode(stderr)}`);
  }
}

async function copyPackageCss(specifier: string): Promise<string> {
  // The npm cache path is only known to Deno's resolver; copying keeps the page off node_modules.
  const source = fileURLToPath(import.meta.resolve(specifier));
  const target = join(OUT, basename(source));
  await Deno.copyFile(source, target);
  return target;
}

/**
 * The bundles in `out` (its own `.js` files, not the agent's folder) that this build did not
 * make: a page renamed or removed since an earlier build. The release packs all of static/, so
 * they would ship.
 */
export async function staleBundles(out: string, outputs: string[]): Promise<string[]> {
  const stale: string[] = [];
  for await (const e of Deno.readDir(out)) {
    const file = join(out, e.name);
    if (e.isFile && e.name.endsWith(".js") && !outputs.includes(file)) stale.push(file);
  }
  return stale.sort();
}

/** Everything the build reads: the bundles' import graph, the import map and the agent. */
export async function buildInputs(entries: string[]): Promise<string[]> {
  return [...await bundleInputs(entries), CONFIG, AGENT_SRC, ...HELP_FILES.map(([from]) => from)];
}

/**
 * Whether `outputs` must be rebuilt from `inputs`: yes unless every output is newer than the
 * newest input (a directory input counts as its newest file, a missing output as older than all).
 */
export async function isStale(inputs: string[], outputs: string[]): Promise<boolean> {
  const newestInput = Math.max(...await Promise.all(inputs.map(newestMtime)));
  const oldestOutput = Math.min(...await Promise.all(outputs.map(mtimeOrZero)));
  return !(oldestOutput > newestInput);
}

async function main() {
  const force = Deno.args.includes("--force");
  const entries = await listEntries();
  const outputs = [
    ...entries.map((e) => join(OUT, basename(e).replace(/\.ts$/, ".js"))),
    join(OUT, basename(UPLOT_CSS)),
    join(OUT, basename(XTERM_CSS)),
    join(AGENT_OUT, "kvmm-agent.js"),
    ...AGENT_FILES.map(([, to]) => to),
    ...HELP_FILES.map(([, to]) => to),
  ];
  if (!force && !await isStale(await buildInputs(entries), outputs)) {
    console.log(`static/build is up to date (${outputs.length} files)`);
    return;
  }
  await Deno.mkdir(OUT, { recursive: true });
  const started = performance.now();
  await bundle(entries);
  for (const file of await staleBundles(OUT, outputs)) {
    await Deno.remove(file);
    console.log(`removed ${relative(ROOT, file)}: no page or layout script has that name now`);
  }
  await copyPackageCss(UPLOT_CSS);
  await copyPackageCss(XTERM_CSS);
  await buildAgent(join(AGENT_OUT, "kvmm-agent.js"));
  for (const [from, to] of AGENT_FILES) await Deno.copyFile(from, to);
  await Deno.mkdir(HELP_OUT, { recursive: true });
  for (const [from, to] of HELP_FILES) await Deno.copyFile(from, to);
  for (const file of outputs) {
    const kib = ((await Deno.stat(file)).size / 1024).toFixed(1);
    console.log(`built ${relative(ROOT, file)} ${kib} KiB`);
  }
  console.log(`done in ${Math.round(performance.now() - started)} ms`);
}

if (import.meta.main) await main();
