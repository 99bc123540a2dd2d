// Every relative link of README.md and docs/ leads somewhere: the file exists, and a #fragment
// into a Markdown file is one of its headings (as GitHub makes their anchors).

import { dirname, join, normalize } from "node:path";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { docFiles, ROOT, withoutFences } from "./docs.ts";

/** The anchors GitHub gives a Markdown file's headings (lower case, punctuation dropped). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutFences(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = m[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").trim().replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

/** The link targets of a Markdown text, outside code: `[text](target)` and `![alt](target)`. */
export function linkTargets(text: string): { target: string; line: number }[] {
  const prose = withoutFences(text).replace(/`[^`\n]*`/g, (code) => " ".repeat(code.length));
  return [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => ({
    target: m[1],
    line: prose.slice(0, m.index!).split("\n").length,
  }));
}

/** What is wrong with each relative link of `file` (a path relative to the project). */
function brokenLinks(file: string): string[] {
  const text = Deno.readTextFileSync(join(ROOT, file));
  const broken: string[] = [];
  for (const { target, line } of linkTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [path, fragment] = target.split("#");
    const to = path ? normalize(join(dirname(file), decodeURIComponent(path))) : file;
    let body: string;
    try {
      const stat = Deno.statSync(join(ROOT, to));
      if (!stat.isFile || !to.endsWith(".md")) continue;
      body = Deno.readTextFileSync(join(ROOT, to));
    } catch {
      broken.push(`${file}:${line}: ${target} (no such file ${to})`);
      continue;
    }
    if (fragment && !anchors(body).has(fragment)) {
      broken.push(`${file}:${line}: ${target} (no heading #${fragment} in ${to})`);
    }
  }
  return broken;
}

Deno.test("docs links - every relative link in README.md and docs/ points to a file and heading", () => {
  const files = docFiles();
  assert(files.includes("docs/README.md") && files.length >= 10, `docs: ${files.join(", ")}`);
  assertEquals(files.flatMap(brokenLinks), []);
});

Deno.test("docs links - links are found outside code, and anchors are made as GitHub makes them", () => {
  const text = [
    "# The `kvm-manager` command",
    'See [a](a.md) and ![b](img/b.png "title") and `[not](code.md)`.',
    "```sh",
    "[not](fenced.md)",
    "```",
    "## Install and run",
    "## Install and run",
  ].join("\n");
  assertEquals(linkTargets(text).map((l) => l.target), ["a.md", "img/b.png"]);
  assertEquals([...anchors(text)], [
    "the-kvm-manager-command",
    "install-and-run",
    "install-and-run-1",
  ]);
});
