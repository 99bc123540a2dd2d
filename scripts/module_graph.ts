// The product's modules and their imports, read from Deno's own module graph (`deno info --json`,
// the parser the bundler uses), not from a regex: multi-line imports, `import type`, re-exports,
// side-effect imports and dynamic `import()` all count, and text in strings and comments does not.
// For the tests that keep the code's floors (boundary_test.ts) and its cycles (cycles_test.ts).

import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = resolve(import.meta.dirname!, "..");
export const CONFIG = join(ROOT, "deno.json");

export interface Import {
  /** The importing file, absolute. */
  file: string;
  /** 1-based line of the specifier. */
  line: number;
  /** As written. */
  specifier: string;
  /** As Deno resolved it (a URL), when it could. */
  resolved?: string;
}

interface GraphDependency {
  specifier: string;
  code?: { specifier?: string; span: { start: { line: number } } };
  type?: { specifier?: string; span: { start: { line: number } } };
}

interface GraphModule {
  specifier: string;
  error?: string;
  dependencies?: GraphDependency[];
}

async function denoInfo(file: string, config: string): Promise<GraphModule[]> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--no-remote", `--config=${config}`, file],
    cwd: dirname(config),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  if (code !== 0) throw new Error(`deno info ${file} failed:\n${dec.decode(stderr)}`);
  return JSON.parse(dec.decode(stdout)).modules;
}

/**
 * Every module a `deno info` of this process has described, by config and specifier. Why: in the
 * units' lane one isolate runs both boundary_test.ts and cycles_test.ts, and their graphs overlap
 * (islands, components, shared): a module read once is not asked for again.
 */
const described = new Map<string, GraphModule>();
const key = (config: string, specifier: string) => `${config}\n${specifier}`;

/**
 * The imports of each of `files`, from Deno's module graph. One `deno info` covers every module
 * its root reaches, so only the files no earlier graph reached need a call of their own.
 */
export async function importsOf(files: string[], config = CONFIG): Promise<Map<string, Import[]>> {
  const found = new Map<string, Import[]>();
  for (const file of files) {
    const specifier = pathToFileURL(file).href;
    if (!described.has(key(config, specifier))) {
      for (const module of await denoInfo(file, config)) {
        described.set(key(config, module.specifier), module);
      }
    }
    const module = described.get(key(config, specifier));
    if (!module) continue;
    if (module.error) throw new Error(`${relative(ROOT, file)}: ${module.error}`);
    const imports: Import[] = [];
    for (const dep of module.dependencies ?? []) {
      for (const use of [dep.code, dep.type]) {
        if (!use) continue;
        imports.push({
          file,
          line: use.span.start.line + 1,
          specifier: dep.specifier,
          resolved: use.specifier,
        });
      }
    }
    found.set(file, imports);
  }
  return found;
}

/** The non-test .ts/.tsx files under `dir`. */
export async function sources(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...await sources(path));
    else if (/\.tsx?$/.test(entry.name) && !/_test\.tsx?$/.test(entry.name)) files.push(path);
  }
  return files.sort();
}
