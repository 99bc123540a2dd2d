/// <reference lib="deno.unstable" />
// The dictionaries against the code: every key the code writes (t("...") and tKey("...") in the
// UI and the shared words) has German, plural keys have both forms (and an English singular),
// a context key its own entry; German keeps each key's {{placeholders}}; no area contradicts
// another; no entry is left over after its key left the code.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { AREAS as GERMAN_AREAS } from "./de/index.ts";
import { AREAS as ENGLISH_AREAS } from "./en/index.ts";
import { DICTIONARIES } from "../../tests/support/dictionaries.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCANNED = ["islands", "components", "shared", "routes", "lib"];

interface Use {
  key: string;
  plural: boolean;
  context: string | null;
  where: string;
}

async function* sources(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sources(path);
    else if (/\.tsx?$/.test(entry.name) && !/_test\.tsx?$/.test(entry.name)) yield path;
  }
}

function staticString(node: Deno.lint.Node | undefined): string | null {
  if (!node) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) {
    return node.quasis[0].cooked ?? null;
  }
  return null;
}

/** Every t()/tKey() key in the code, read with Deno's own parser through a lint plugin. */
async function uses(): Promise<Use[]> {
  const found: Use[] = [];
  let file = "";
  const collector: Deno.lint.Plugin = {
    name: "collect-keys",
    rules: {
      keys: {
        create() {
          return {
            CallExpression(node) {
              const callee = node.callee;
              if (callee.type !== "Identifier" || !["t", "tKey"].includes(callee.name)) return;
              const key = staticString(node.arguments[0]);
              if (key === null) return;
              const options = node.arguments[1];
              let plural = false;
              let context: string | null = null;
              if (options?.type === "ObjectExpression") {
                for (const p of options.properties) {
                  if (p.type !== "Property" || p.key.type !== "Identifier") continue;
                  if (p.key.name === "count") plural = true;
                  if (p.key.name === "context") context = staticString(p.value);
                }
              }
              const line = node.range[0];
              found.push({ key, plural, context, where: `${file}@${line}` });
            },
          };
        },
      },
    },
  };
  for (const dir of SCANNED) {
    for await (const path of sources(`${ROOT}${dir}`)) {
      file = path.slice(ROOT.length);
      Deno.lint.runPlugin(collector, path, await Deno.readTextFile(path));
    }
  }
  return found;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(",");

/** The dictionary keys a use needs, with the text whose placeholders each must keep. */
function needed(use: Use): string[] {
  if (use.context) return [`${use.key}_${use.context}`];
  if (use.plural) return [`${use.key}_one`, `${use.key}_other`];
  return [use.key];
}

const allUses = await uses();

Deno.test("i18n - every key the code writes has German; plurals have both forms", () => {
  const de = DICTIONARIES.de;
  const missing = [...new Set(allUses.flatMap((u) => needed(u).filter((k) => !(k in de))))];
  assertEquals(missing, [], `${missing.length} keys have no German (shared/i18n/de/*.ts)`);
});

Deno.test("i18n - every plural key has its English singular", () => {
  const en = DICTIONARIES.en;
  const missing = [
    ...new Set(allUses.filter((u) => u.plural && !u.context).map((u) => `${u.key}_one`)),
  ].filter((k) => !(k in en));
  assertEquals(missing, [], "English singulars missing (shared/i18n/en/*.ts)");
});

Deno.test("i18n - German keeps each key's placeholders", () => {
  const wrong = Object.entries(DICTIONARIES.de).filter(([key, text]) => {
    const want = placeholders(key.replace(/_(one|other|zero|two|few|many)$/, ""));
    const have = placeholders(text);
    // A singular may leave the count out ("eine VM"), never add a placeholder.
    if (key.endsWith("_one")) {
      return !have.split(",").every((p) => p === "" || want.split(",").includes(p));
    }
    return have !== want;
  }).map(([key, text]) => `${key} → ${text}`);
  assertEquals(wrong, []);
});

Deno.test("i18n - areas agree on shared keys", () => {
  for (const areas of [GERMAN_AREAS, ENGLISH_AREAS]) {
    const seen = new Map<string, [string, string]>();
    const conflicts: string[] = [];
    for (const [area, words] of Object.entries(areas)) {
      for (const [key, text] of Object.entries(words)) {
        const before = seen.get(key);
        if (before && before[1] !== text) {
          conflicts.push(`${key}: ${before[0]} says "${before[1]}", ${area} "${text}"`);
        }
        seen.set(key, [area, text]);
      }
    }
    assertEquals(conflicts, []);
  }
});

Deno.test("i18n - no German entry outlives its key", () => {
  const used = new Set(allUses.flatMap(needed));
  for (const u of allUses) used.add(u.key);
  const stale = Object.keys(DICTIONARIES.de).filter((key) => !used.has(key));
  assertEquals(stale, [], "entries no code asks for");
  assert(allUses.length > 0);
});
