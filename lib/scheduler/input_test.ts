// A job body as the schemas read it: the first problem named in the contract's words and codes
// (a timing's or options' unknown field before a problem of a known one), a once time that names
// no time refused rather than thrown, and a JSON Schema that describes each kind of timing.

import { z } from "zod";
import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { checkScheduleInput, previewRuns, ScheduleBody } from "./input.ts";
import { checkTiming } from "./timing.ts";

const VM = "6b5a6f1e-0000-4000-8000-000000000001";
const NOW = Date.parse("2026-03-01T00:00:00Z");
const job = (extra: Record<string, unknown> = {}) => ({
  name: "nightly",
  operation: "backup",
  vmIds: [VM],
  timing: { kind: "daily", time: "02:00" },
  timezone: "UTC",
  ...extra,
});

function refusal(fn: () => unknown): [string, string] {
  const err = assertThrows(fn, AppError);
  assertEquals(err.status, 400);
  return [err.code, err.message];
}

const check = (body: unknown) => refusal(() => checkScheduleInput(body, { now: NOW }));

Deno.test("schedule input - a timing's unknown field comes before a problem of its own fields", () => {
  assertEquals(check(job({ timing: { kind: "daily", time: "9", day: 3 } })), [
    "INVALID_TIMING",
    'Unknown field "day" in a daily timing',
  ]);
  assertEquals(check(job({ timing: { kind: "cron", expression: "", time: "09:00" } })), [
    "INVALID_TIMING",
    'Unknown field "time" in a cron timing',
  ]);
  // The cron expression's own problems are INVALID_CRON, whatever part of the schema finds them.
  assertEquals(check(job({ timing: { kind: "cron", expression: 5 } })), [
    "INVALID_CRON",
    "timing.expression must be a cron expression (1–200 characters)",
  ]);
  assertEquals(
    check(job({ timing: { kind: "weekly", days: [9], time: "25:00" } }))[1],
    "timing.days must list at least one weekday from 0 (Sunday) to 6 (Saturday)",
  );
});

Deno.test("schedule input - options: an unknown one first, and none for a job that is not a backup", () => {
  assertEquals(check(job({ options: { keep: 0, colour: "red" } })), [
    "INVALID_OPTIONS",
    'Unknown backup option "colour" (mode, keep, repository)',
  ]);
  assertEquals(
    check(job({ options: { mode: "bogus", keep: 0 } }))[1],
    "options.mode must be one of auto, full, incremental",
  );
  assertEquals(check(job({ operation: "start", options: { mode: "bogus" } })), [
    "INVALID_OPTIONS",
    'A start job takes no options (got "mode")',
  ]);
  assertEquals(check(job({ options: [] })), ["INVALID_OPTIONS", "options must be an object"]);
  const options = (extra: Record<string, unknown>) =>
    checkScheduleInput(job(extra), { now: NOW }).options;
  assertEquals(options({ options: null }), { mode: "auto" });
  assertEquals(options({ options: { mode: null, keep: 7 } }), { mode: "auto", keep: 7 });
  assertEquals(options({ operation: "start", options: null }), {});
});

Deno.test("schedule input - a once time with an hour, minute or offset out of range is a 400, not a crash", () => {
  const AT = "timing.at must be a date and time like 2026-05-01T09:00 (in the job's time zone) " +
    "or with an offset like 2026-05-01T09:00Z";
  for (
    const at of [
      "2026-05-01T25:00",
      "2026-05-01T09:61",
      "2026-05-01T25:00Z",
      "2026-05-01T09:00+25:00",
    ]
  ) {
    assertEquals(check(job({ timing: { kind: "once", at } })), ["INVALID_TIMING", AT]);
    assertEquals(refusal(() => previewRuns({ timing: { kind: "once", at } }, NOW)), [
      "INVALID_TIMING",
      AT,
    ]);
    assertEquals(refusal(() => checkTiming({ kind: "once", at }, "Europe/Berlin")), [
      "INVALID_TIMING",
      AT,
    ]);
  }
  // 24:00 is the next day's midnight, as before.
  assertEquals(checkTiming({ kind: "once", at: "2026-05-01T24:00" }, "UTC"), {
    kind: "once",
    at: "2026-05-02T00:00:00.000Z",
  });
});

Deno.test("schedule input - the body's JSON Schema has each kind of timing and a backup's options", () => {
  const schema = z.toJSONSchema(ScheduleBody, { io: "input" }) as {
    properties: Record<string, { properties?: Record<string, unknown> } & Record<string, unknown>>;
    $defs?: Record<string, { properties: Record<string, { const?: string; enum?: string[] }> }>;
  };
  const kinds = Object.values(schema.$defs ?? {}).map((def) => def.properties.kind)
    .map((kind) => kind?.const ?? kind?.enum?.[0]);
  assertEquals(kinds.sort(), ["cron", "daily", "monthly", "once", "weekly"]);
  assertEquals(Object.keys(schema.properties.options.properties ?? {}), [
    "mode",
    "keep",
    "repository",
  ]);
  assertEquals(schema.properties.options.additionalProperties, false);
});
