// The layout rule "no file of product code over 500 lines": every .ts/.tsx file git knows
// (tracked, or new and not ignored) outside tests, benchmarks and built assets is measured, so
// a file that grows past the limit fails here instead of in a review.

import { join } from "node:path";
import { assertEquals } from "../tests/support/assert.ts";
import { gitFiles } from "../tests/harness/git_files.ts";

const ROOT = join(import.meta.dirname!, "..");
const MAX_LINES = 500;

/** Product code: TypeScript that ships, not tests (beside code or in tests/), benches or assets. */
export function isProductFile(path: string): boolean {
  return /\.tsx?$/.test(path) && !/_test\.tsx?$/.test(path) &&
    !/^(tests|bench|static)\//.test(path) && !path.split("/").includes("node_modules");
}

/** Lines as `wc -l` would count them, plus an unterminated last line. */
export function lineCount(text: string): number {
  const newlines = text.split("\n").length - 1;
  return text === "" || text.endsWith("\n") ? newlines : newlines + 1;
}

Deno.test("layout - no product file is over 500 lines", async () => {
  const tooLong: string[] = [];
  for (const path of (await gitFiles(ROOT)).filter(isProductFile)) {
    let text: string;
    try {
      text = await Deno.readTextFile(join(ROOT, path));
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) continue; // deleted, not yet staged
      throw err;
    }
    const lines = lineCount(text);
    if (lines > MAX_LINES) tooLong.push(`${path} (${lines} lines)`);
  }
  assertEquals(tooLong, [], `split these into files that own one thing: ${tooLong.join(", ")}`);
});

Deno.test("layout - product files are told apart from tests, benches and assets", () => {
  assertEquals(
    [
      "lib/config.ts",
      "routes/pages.tsx",
      "lib/config_test.ts",
      "islands/Table_test.tsx",
      "tests/support/assert.ts",
      "bench/list_vms.ts",
      "static/build/app.ts",
      "lib/node_modules/x.ts",
      "README.md",
    ].map(isProductFile),
    [true, true, false, false, false, false, false, false, false],
  );
  assertEquals([lineCount(""), lineCount("a\n"), lineCount("a\nb"), lineCount("a\n\n")], [
    0,
    1,
    2,
    2,
  ]);
});
