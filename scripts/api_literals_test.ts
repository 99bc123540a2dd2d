// Issue 22: the islands, the components and the CLI take API paths from shared/api_paths.ts,
// which is checked against the app's declared routes. A path written by hand in those folders
// would miss that check, so any string literal starting with /api/ there fails here.

import { join, relative } from "node:path";
import { assertEquals } from "../tests/support/assert.ts";

const ROOT = join(import.meta.dirname!, "..");
const CALLER_DIRS = ["islands", "components", "cli"];

// A quote or backquote, or the end of a `${…}` in a template (`${origin}/api/vms`), then /api/.
const HAND_WRITTEN = /(["'`]|\})\/api\//;
// Comments may name routes ("POST /api/vms"); only code counts.
const COMMENT = /^\s*(\/\/|\/\*|\*)/;

/** The 1-based numbers of the lines of `text` that write an API path by hand. */
export function handWrittenPaths(text: string): number[] {
  return text.split("\n").flatMap((line, i) =>
    !COMMENT.test(line) && HAND_WRITTEN.test(line) ? [i + 1] : []
  );
}

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name) && !/_test\.tsx?$/.test(entry.name)) yield path;
  }
}

Deno.test("api literals - the detector finds paths in code, not in comments", () => {
  const text = [
    '// GET /api/vms lists them; "/api/vms" in a comment is fine',
    'request("GET", "/api/vms");',
    "send(`/api/vms/${id}`);",
    "const url = `${origin}/api/vms`;",
    " * `/api/vms` in JSDoc",
    'request("GET", vmsPath());',
  ].join("\n");
  assertEquals(handWrittenPaths(text), [2, 3, 4]);
});

Deno.test("api literals - islands, components and the CLI use shared/api_paths.ts", async () => {
  const found: string[] = [];
  for (const dir of CALLER_DIRS) {
    for await (const file of sourceFiles(join(ROOT, dir))) {
      for (const line of handWrittenPaths(await Deno.readTextFile(file))) {
        found.push(`${relative(ROOT, file)}:${line}`);
      }
    }
  }
  assertEquals(found, [], "write these paths with shared/api_paths.ts");
});
