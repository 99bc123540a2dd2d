// Each test file's own time when many files share one isolate (the lanes' entries, scripts/
// test_lanes.ts): deno test then names only the entry ("running 1484 tests from …/units_one_isolate
// _test.ts"), so scripts/test_times.ts could not tell the tiers apart. The preload wraps Deno.test
// with `timed`, which finds the registering file on the stack and adds each run's time to it; the
// lane's last test prints `fileTimeLines()`, which test_times.ts reads in place of the entry.

import { relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The modules between a test file and Deno.test: never the file a test belongs to. */
const WRAPPERS = [
  "tests/harness/preload.ts",
  "tests/harness/answer_check.ts",
  "tests/harness/file_times.ts",
  "tests/support/test_deadline.ts",
];
/** What a line of `fileTimeLines()` starts with. */
export const FILE_TIME_PREFIX = "test file time:";

type Times = Map<string, { ms: number; tests: number }>;
const times: Times = new Map();

/** The checkout's file that called Deno.test, from the stack (undefined when none is found). */
export function callerFile(stack = new Error().stack ?? ""): string | undefined {
  for (const [, url] of stack.matchAll(/(file:\/\/[^\s)]+?):\d+:\d+/g)) {
    const path = relative(ROOT, fileURLToPath(url));
    if (path.startsWith("..") || WRAPPERS.includes(path)) continue;
    return path;
  }
  return undefined;
}

type TestFn = (t: Deno.TestContext) => void | Promise<void>;

/** `fn` made to add its run's time to `file`'s. */
export function timed(file: string | undefined, fn: TestFn, into: Times = times): TestFn {
  if (!file) return fn;
  return async (t) => {
    const start = performance.now();
    try {
      await fn(t);
    } finally {
      const sum = into.get(file) ?? { ms: 0, tests: 0 };
      into.set(file, { ms: sum.ms + performance.now() - start, tests: sum.tests + 1 });
    }
  };
}

/** "test file time: tests/x_test.ts 12.3 s 4 tests", one line a file that ran in this isolate. */
export function fileTimeLines(from: Times = times): string[] {
  return [...from].sort(([a], [b]) => a.localeCompare(b, "en"))
    .map(([file, { ms, tests }]) =>
      `${FILE_TIME_PREFIX} ${file} ${(ms / 1000).toFixed(3)} s ${tests} tests`
    );
}
