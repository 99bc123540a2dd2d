import { assertEquals } from "../support/assert.ts";
import { callerFile, FILE_TIME_PREFIX, fileTimeLines, timed } from "./file_times.ts";
import { fileTimes } from "../../scripts/test_times.ts";

const ROOT = new URL("../../", import.meta.url).href;

Deno.test("file times - the registering file is the first of the checkout's past the wrappers", () => {
  const stack = [
    "Error",
    `    at callerFile (${ROOT}tests/harness/file_times.ts:20:3)`,
    `    at Object.test (${ROOT}tests/support/test_deadline.ts:70:5)`,
    `    at ${ROOT}tests/cli_test.ts:12:6`,
    `    at ${ROOT}lib/x_test.ts:1:1`,
  ].join("\n");
  assertEquals(callerFile(stack), "tests/cli_test.ts");
  // A lane's entry lives outside the checkout: its own lane-end test belongs to no file.
  assertEquals(
    callerFile(`Error\n    at file:///tmp/kvmm-lanes-x/units_one_isolate_test.ts:40:6`),
    undefined,
  );
  assertEquals(callerFile(new Error().stack), "tests/harness/file_times_test.ts");
});

Deno.test("file times - each run adds its time and count to its file, failed runs too", async () => {
  const times = new Map();
  const t = {} as Deno.TestContext;
  await timed("tests/a_test.ts", () => new Promise((r) => setTimeout(r, 20)), times)(t);
  await timed("tests/a_test.ts", () => {}, times)(t);
  await timed("lib/b_test.ts", () => {
    throw new Error("failed");
  }, times)(t)?.catch(() => {});
  const lines = fileTimeLines(times);
  assertEquals(lines.map((l) => l.replace(/ [\d.]+ s /, " N s ")), [
    `${FILE_TIME_PREFIX} lib/b_test.ts N s 1 tests`,
    `${FILE_TIME_PREFIX} tests/a_test.ts N s 2 tests`,
  ]);
  const seconds = Number(/ ([\d.]+) s /.exec(lines[1])![1]);
  assertEquals(seconds >= 0.02, true, `20 ms of sleep counted: ${lines[1]}`);
});

Deno.test("file times - test_times reads a shared isolate's files in place of its entry", () => {
  const log = [
    "[units] running 2 tests from ./lib/own_test.ts",
    "[units] own one ... ok (1s)",
    "[units] own two ... ok (500ms)",
    "[units] running 3 tests from ../../tmp/kvmm-lanes-x/units_one_isolate_test.ts",
    "[pages] running 1 test from ./tests/pages_test.ts",
    "[units] a ... ok (2s)",
    "[pages] p ... ok (4s)",
    "[units] b ... ok (3s)",
    "[units] lane end - no nonblocking foreign call still runs when the lane's isolate ends ...",
    "[units] ------- output -------",
    `[units] ${FILE_TIME_PREFIX} lib/a_test.ts 2.000 s 1 tests`,
    `[units] ${FILE_TIME_PREFIX} tests/b_test.ts 3.000 s 1 tests`,
    "[units] ----- output end -----",
    "[units] lane end - no nonblocking foreign call still runs when the lane's isolate ends ... ok (1ms)",
  ].join("\n");
  assertEquals(fileTimes(log), [
    { file: "lib/own_test.ts", seconds: 1.5, tests: 2 },
    { file: "lib/a_test.ts", seconds: 2, tests: 1 },
    { file: "tests/b_test.ts", seconds: 3, tests: 1 },
    { file: "tests/pages_test.ts", seconds: 4, tests: 1 },
  ]);
});
