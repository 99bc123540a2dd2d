// Bundles the server (main.ts) into dist/server.js, and each worker it starts into a bundle of its
// own beside it (ffi/worker_url.ts names them), all minified: what `deno task start` runs.
//
// Why: Deno keeps every module's source text and an inline source map for each TypeScript file it
// transpiles, some 30 MiB for our few hundred modules and their npm packages; one minified file
// holds the same program in a fraction (docs/benchmarks.md, bench:memory). Packages only islands use in the
// browser are left out (BROWSER_ONLY). Tests run the sources; the bundle has its own test
// (scripts/bundle_server_test.ts).
//
// The server's bundle is split (esbuild's code splitting): a module the server loads with
// `import()` on first use (nodemailer at the first mail, marked at the first guide, the WebAuthn
// verifier at the first security key …) is a chunk file beside dist/server.js, so an idle server
// neither parses nor keeps it. The chunks' names are written to dist/server-chunks.json, so the next
// build removes the ones it no longer makes.
//
// Paths the server reads beside its code (static/, the agent files) are found from
// `import.meta.dirname/..`, which is the project root from both main.ts's folders and dist/.

import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { isStale } from "./build.ts";
import { WORKER_BUNDLES } from "../ffi/worker_url.ts";
import { TOP_SCREEN_BUNDLE } from "../cli/top/screen_url.ts";
import { BUILD_INFO_FILE } from "../lib/version.ts";

const ROOT = join(import.meta.dirname!, "..");
export const DIST = join(ROOT, "dist");
/** Packages only islands use, in effects that never run on the server: a stub in the bundle. */
const BROWSER_ONLY = [
  "@novnc/novnc",
  "@spice-project/spice-html5",
  "@xterm/xterm",
  "@xterm/addon-fit",
  "uplot",
];

/**
 * deno.json's import map with the browser-only packages mapped to a stub, written into `outDir`
 * for `deno bundle --import-map`; returns its path.
 */
async function serverImportMap(outDir: string): Promise<string> {
  const { imports } = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json")));
  const stub = pathToFileURL(join(ROOT, "scripts", "browser_only_stub.ts")).href;
  for (const name of BROWSER_ONLY) {
    if (!(name in imports)) throw new Error(`${name} is not in deno.json's imports`);
    imports[name] = stub;
  }
  const path = join(outDir, "server-imports.json");
  await Deno.writeTextFile(path, JSON.stringify({ imports }, null, 1));
  return path;
}

/** The bundles to make: source (relative to the project) and output file name. */
function entries(): [string, string][] {
  return [
    ["main.ts", "server.js"],
    ...Object.entries(WORKER_BUNDLES),
    [TOP_SCREEN_BUNDLE.source, TOP_SCREEN_BUNDLE.bundle],
  ];
}

/**
 * Ink (`kvm-manager top`'s screen) imports React's devtools in a module it loads only when
 * DEV=true and that package is installed; it is not ours, so it stays external, and the bundler
 * hoists that import to the top where it would fail at load: it becomes an empty object instead.
 */
const DEVTOOLS_IMPORT = /import ([\w$]+) from"react-devtools-core";/g;

async function withoutDevtoolsImport(output: string): Promise<void> {
  const code = await Deno.readTextFile(output);
  const found = code.match(DEVTOOLS_IMPORT)?.length ?? 0;
  if (found === 0 && !code.includes("react-devtools-core")) return;
  if (found !== 1) throw new Error(`${output}: react-devtools-core's import is not as expected`);
  await Deno.writeTextFile(output, code.replace(DEVTOOLS_IMPORT, "const $1={};"));
}

/** The local files the server and its workers are made from, as `deno info` resolves them. */
async function serverInputs(): Promise<string[]> {
  const files = new Set<string>([join(ROOT, "deno.json"), join(ROOT, "deno.lock")]);
  for (const [source] of entries()) {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", join(ROOT, source)],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (code !== 0) throw new Error(`deno info failed:\n${new TextDecoder().decode(stderr)}`);
    const graph = JSON.parse(new TextDecoder().decode(stdout)) as {
      modules: { specifier: string; local?: string }[];
    };
    for (const m of graph.modules) {
      if (m.specifier.startsWith("file:") && m.local) files.add(m.local);
    }
  }
  return [...files];
}

/** The file that lists the chunks of the last split server bundle in its folder. */
export const CHUNK_LIST = "server-chunks.json";

/** The entry whose bundle is split into chunks loaded on first use. */
const SPLIT_ENTRY = "main.ts";

async function bundleOne(source: string, output: string, importMap: string): Promise<void> {
  if (source === SPLIT_ENTRY) await bundleSplit(source, output, importMap);
  else await denoBundle(source, importMap, ["-o", output]);
  await withoutDevtoolsImport(output);
}

/**
 * `source` split into `output` and its chunks beside it: built in a folder of its own, then moved
 * in, after the chunks of the last build (CHUNK_LIST) are removed.
 */
async function bundleSplit(source: string, output: string, importMap: string): Promise<void> {
  const outDir = join(output, "..");
  const staging = await Deno.makeTempDir({ dir: outDir, prefix: ".split-" });
  try {
    await denoBundle(source, importMap, ["--code-splitting", `--outdir=${staging}`]);
    const entry = source.replace(/\.tsx?$/, ".js");
    const chunks: string[] = [];
    for await (const file of Deno.readDir(staging)) {
      if (file.isFile && file.name !== entry) chunks.push(file.name);
    }
    const listed = join(outDir, CHUNK_LIST);
    const old: string[] = await Deno.readTextFile(listed).then(JSON.parse).catch(() => []);
    for (const name of old) await Deno.remove(join(outDir, name)).catch(() => {});
    for (const name of chunks) await Deno.rename(join(staging, name), join(outDir, name));
    await Deno.rename(join(staging, entry), output);
    await Deno.writeTextFile(listed, JSON.stringify(chunks.sort(), null, 1) + "\n");
  } finally {
    await Deno.remove(staging, { recursive: true });
  }
}

async function denoBundle(source: string, importMap: string, out: string[]): Promise<void> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform=deno",
      "--format=esm",
      // Names are not kept (--keep-names cost 1.7 MiB of heap): no code reads a function's or
      // class's name (ffi/libvirt/handle.ts names its objects from their free symbol).
      "--minify",
      "--external=react-devtools-core",
      `--import-map=${importMap}`,
      ...out,
      join(ROOT, source),
    ],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(`deno bundle ${source} failed:\n${new TextDecoder().decode(stderr)}`);
  }
}

/** The commit being built, for `kvm-manager --version` and /metrics (lib/version.ts). */
async function writeBuildInfo(outDir: string): Promise<void> {
  const git = await new Deno.Command("git", {
    args: ["rev-parse", "--short=12", "HEAD"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "null",
  }).output().catch(() => null);
  const commit = git?.success ? new TextDecoder().decode(git.stdout).trim() : "unknown";
  await Deno.writeTextFile(join(outDir, BUILD_INFO_FILE), JSON.stringify({ commit }) + "\n");
}

/**
 * Writes the server's bundles into `outDir` (dist/ by default), unless they are newer than every
 * file they are made from (or `force`). Returns the path of the server bundle.
 */
export async function bundleServer(
  { outDir = DIST, force = false, quiet = false } = {},
): Promise<string> {
  const outputs = entries().map(([, name]) => join(outDir, name));
  // Always: a new commit with no change to the bundles' sources is still a new commit.
  await Deno.mkdir(outDir, { recursive: true });
  await writeBuildInfo(outDir);
  if (!force && !await isStale(await serverInputs(), outputs)) {
    if (!quiet) console.log(`${relative(ROOT, outDir) || "."} server bundle is up to date`);
    return outputs[0];
  }
  const started = performance.now();
  const importMap = await serverImportMap(outDir);
  await Promise.all(
    entries().map(([source, name]) => bundleOne(source, join(outDir, name), importMap)),
  );
  if (!quiet) {
    for (const file of outputs) {
      const kib = ((await Deno.stat(file)).size / 1024).toFixed(1);
      console.log(`built ${relative(ROOT, file)} ${kib} KiB`);
    }
    console.log(`server bundled in ${Math.round(performance.now() - started)} ms`);
  }
  return outputs[0];
}

if (import.meta.main) await bundleServer({ force: Deno.args.includes("--force") });
