// The lane split of the suite: every file lands in exactly one lane, a stale pattern is an
// error, and the combined summary is read the way .ci/run reads deno test's own.

import { assert, assertEquals, assertThrows } from "../tests/support/assert.ts";
import { parseSummary, splitLanes, testFiles } from "./test_lanes.ts";

Deno.test("test lanes - every test file of the repository is in exactly one lane", async () => {
  const files = await testFiles();
  const lanes = splitLanes(files);
  const all = [...lanes.guests, ...lanes.pages, ...lanes.alone].sort();
  assertEquals(all, files);
  assert(lanes.guests.includes("tests/qemu_restic_test.ts"), "real guests go down the guest lane");
  assert(lanes.pages.includes("tests/a11y_browser_test.ts"), "pages go down the other");
  assertEquals(lanes.alone, ["tests/libvirtd_restart_test.ts"]);
});

Deno.test("test lanes - a pattern that matches no file stops the run", () => {
  const e = assertThrows(() => splitLanes(["lib/a_test.ts"]), Error);
  assert(e.message.includes("matches no test file"), e.message);
});

Deno.test("test lanes - deno test's summary lines are read", () => {
  assertEquals(parseSummary("x\nok | 40 passed (2 steps) | 0 failed (1m2s)\n"), {
    passed: 40,
    failed: 0,
    ok: true,
  });
  assertEquals(parseSummary("FAILED | 38 passed | 2 failed (3s)\n"), {
    passed: 38,
    failed: 2,
    ok: false,
  });
  assertEquals(parseSummary("error: Module not found\n"), null);
});
