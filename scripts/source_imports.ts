// What a TypeScript source imports, read with regular expressions: enough for our own files
// (one import per statement, relative specifiers), and fast enough to walk the browser code at
// every build. scripts/build_test.ts compares the result with Deno's own module graph.

// Relative specifiers of imports and re-exports (`import type` ones are erased by the bundler
// and skipped), side-effect imports and dynamic imports; bare and npm: specifiers are packages.
const STATIC_IMPORT =
  /^\s*(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']/gm;
const BARE_IMPORT = /^\s*import\s*["'](\.{1,2}\/[^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;
// `import Name from "./x.tsx"` and `import Name, { … } from "./x.tsx"`.
const DEFAULT_IMPORT =
  /^\s*import\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\})?\s*from\s*["'](\.{1,2}\/[^"']+)["']/gm;

/** The relative modules `source` needs at run time. */
export function runtimeImports(source: string): string[] {
  const specs: string[] = [];
  for (const [, typeOnly, spec] of source.matchAll(STATIC_IMPORT)) if (!typeOnly) specs.push(spec);
  for (const [, spec] of source.matchAll(BARE_IMPORT)) specs.push(spec);
  for (const [, spec] of source.matchAll(DYNAMIC_IMPORT)) specs.push(spec);
  return specs;
}

/** The default imports of `source` from relative modules: local name → specifier. */
export function defaultImports(source: string): Map<string, string> {
  return new Map([...source.matchAll(DEFAULT_IMPORT)].map(([, name, spec]) => [name, spec]));
}
