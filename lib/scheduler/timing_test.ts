// Next-run math: daily, weekly, monthly (days past a month's end), cron and once, across month
// ends, leap years and the DST changes of Europe/Berlin and America/New_York.

import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { checkTimeZone, checkTiming, nextRunsAfter } from "./timing.ts";
import type { ScheduleTiming } from "../../shared/scheduler.ts";

const at = (iso: string) => Date.parse(iso);
const runs = (timing: ScheduleTiming, zone: string, after: string, n: number) =>
  nextRunsAfter(timing, zone, at(after), n).map((ms) => new Date(ms).toISOString());

Deno.test("timing - daily crosses a month end; the slot itself is not 'after' it", () => {
  assertEquals(runs({ kind: "daily", time: "09:00" }, "UTC", "2026-01-31T08:59:00Z", 3), [
    "2026-01-31T09:00:00.000Z",
    "2026-02-01T09:00:00.000Z",
    "2026-02-02T09:00:00.000Z",
  ]);
  assertEquals(runs({ kind: "daily", time: "09:00" }, "UTC", "2026-01-31T09:00:00Z", 1), [
    "2026-02-01T09:00:00.000Z",
  ]);
});

Deno.test("timing - weekly on Monday and Friday, in New York, across a month end", () => {
  // 2026-04-30 is a Thursday; 18:00 EDT is 22:00Z.
  assertEquals(
    runs(
      { kind: "weekly", days: [1, 5], time: "18:00" },
      "America/New_York",
      "2026-04-30T12:00Z",
      4,
    ),
    [
      "2026-05-01T22:00:00.000Z",
      "2026-05-04T22:00:00.000Z",
      "2026-05-08T22:00:00.000Z",
      "2026-05-11T22:00:00.000Z",
    ],
  );
});

Deno.test("timing - monthly day 31 runs on each month's last day: Feb 28, and Feb 29 in 2028", () => {
  const day31: ScheduleTiming = { kind: "monthly", day: 31, time: "09:00" };
  // Berlin: 09:00 is 08:00Z in winter (CET) and 07:00Z in summer (CEST).
  assertEquals(runs(day31, "Europe/Berlin", "2027-01-01T00:00Z", 5), [
    "2027-01-31T08:00:00.000Z",
    "2027-02-28T08:00:00.000Z",
    "2027-03-31T07:00:00.000Z",
    "2027-04-30T07:00:00.000Z",
    "2027-05-31T07:00:00.000Z",
  ]);
  assertEquals(runs(day31, "UTC", "2028-02-01T00:00Z", 2), [
    "2028-02-29T09:00:00.000Z",
    "2028-03-31T09:00:00.000Z",
  ]);
});

Deno.test("timing - monthly day 30 and 29 in February; day 15 plainly", () => {
  assertEquals(runs({ kind: "monthly", day: 30, time: "23:30" }, "UTC", "2026-01-01T00:00Z", 3), [
    "2026-01-30T23:30:00.000Z",
    "2026-02-28T23:30:00.000Z",
    "2026-03-30T23:30:00.000Z",
  ]);
  const day29: ScheduleTiming = { kind: "monthly", day: 29, time: "00:00" };
  assertEquals(runs(day29, "UTC", "2027-02-01T00:00Z", 1), ["2027-02-28T00:00:00.000Z"]);
  assertEquals(runs(day29, "UTC", "2028-02-01T00:00Z", 1), ["2028-02-29T00:00:00.000Z"]);
  assertEquals(runs({ kind: "monthly", day: 15, time: "12:00" }, "UTC", "2026-12-20T00:00Z", 2), [
    "2027-01-15T12:00:00.000Z",
    "2027-02-15T12:00:00.000Z",
  ]);
});

Deno.test("timing - cron: month ends with L, every 30 minutes, 6 fields with seconds", () => {
  assertEquals(
    runs({ kind: "cron", expression: "0 9 L * *" }, "UTC", "2028-01-31T10:00Z", 3),
    ["2028-02-29T09:00:00.000Z", "2028-03-31T09:00:00.000Z", "2028-04-30T09:00:00.000Z"],
  );
  assertEquals(
    runs({ kind: "cron", expression: "*/30 * * * *" }, "UTC", "2026-01-31T23:10Z", 3),
    ["2026-01-31T23:30:00.000Z", "2026-02-01T00:00:00.000Z", "2026-02-01T00:30:00.000Z"],
  );
  assertEquals(
    runs({ kind: "cron", expression: "15 0 12 * * *" }, "UTC", "2026-03-01T00:00Z", 1),
    ["2026-03-01T12:00:15.000Z"],
  );
});

Deno.test("timing - DST in Berlin: 02:30 daily runs at 03:00 on spring-forward, once on fall-back", () => {
  const daily: ScheduleTiming = { kind: "daily", time: "02:30" };
  // 2026-03-29 02:00 CET jumps to 03:00 CEST: 02:30 does not exist, the run is at 03:00 (01:00Z).
  assertEquals(runs(daily, "Europe/Berlin", "2026-03-27T12:00Z", 4), [
    "2026-03-28T01:30:00.000Z",
    "2026-03-29T01:00:00.000Z",
    "2026-03-30T00:30:00.000Z",
    "2026-03-31T00:30:00.000Z",
  ]);
  // 2026-10-25 03:00 CEST falls back to 02:00 CET: 02:30 happens twice, the job runs at the
  // first (00:30Z), not again at 01:30Z.
  assertEquals(runs(daily, "Europe/Berlin", "2026-10-24T12:00Z", 3), [
    "2026-10-25T00:30:00.000Z",
    "2026-10-26T01:30:00.000Z",
    "2026-10-27T01:30:00.000Z",
  ]);
  // Monthly on the 29th at 02:30 meets the same gap in March 2026.
  assertEquals(
    runs({ kind: "monthly", day: 29, time: "02:30" }, "Europe/Berlin", "2026-03-01T00:00Z", 1),
    ["2026-03-29T01:00:00.000Z"],
  );
});

Deno.test("timing - DST in New York: spring forward runs at 03:00, fall back runs 01:30 once", () => {
  // 2026-03-08 02:00 EST jumps to 03:00 EDT.
  assertEquals(runs({ kind: "daily", time: "02:30" }, "America/New_York", "2026-03-07T12:00Z", 3), [
    "2026-03-08T07:00:00.000Z",
    "2026-03-09T06:30:00.000Z",
    "2026-03-10T06:30:00.000Z",
  ]);
  // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 EDT (05:30Z) only.
  const weekly: ScheduleTiming = { kind: "weekly", days: [0, 1], time: "01:30" };
  assertEquals(runs(weekly, "America/New_York", "2026-10-31T12:00Z", 2), [
    "2026-11-01T05:30:00.000Z",
    "2026-11-02T06:30:00.000Z",
  ]);
});

Deno.test("timing - once: local time read in the job's zone, Z kept; nothing after it", () => {
  const local = checkTiming({ kind: "once", at: "2026-05-01T09:00" }, "Europe/Berlin");
  assertEquals(local, { kind: "once", at: "2026-05-01T07:00:00.000Z" });
  assertEquals(checkTiming({ kind: "once", at: "2026-05-01T09:00:00Z" }, "Europe/Berlin"), {
    kind: "once",
    at: "2026-05-01T09:00:00.000Z",
  });
  assertEquals(checkTiming({ kind: "once", at: "2026-05-01T09:00:00-04:00" }, "UTC"), {
    kind: "once",
    at: "2026-05-01T13:00:00.000Z",
  });
  assertEquals(runs(local, "Europe/Berlin", "2026-05-01T06:59Z", 5), ["2026-05-01T07:00:00.000Z"]);
  assertEquals(runs(local, "Europe/Berlin", "2026-05-01T07:00Z", 5), []);
});

function code(fn: () => unknown): [string, string] {
  const err = assertThrows(fn, AppError);
  assertEquals(err.status, 400);
  return [err.code, err.message];
}

Deno.test("timing - time zones: IANA names as Intl spells them, the host's by default", () => {
  assertEquals(checkTimeZone("europe/berlin"), "Europe/Berlin");
  assertEquals(checkTimeZone("UTC"), "UTC");
  assertEquals(checkTimeZone(undefined), Intl.DateTimeFormat().resolvedOptions().timeZone);
  for (const bad of ["Mars/Olympus", "+02:00", "Europe/../etc", 5]) {
    assertEquals(code(() => checkTimeZone(bad)), [
      "INVALID_TIMEZONE",
      `Unknown time zone ${JSON.stringify(bad)}: use an IANA name such as Europe/Berlin or UTC`,
    ]);
  }
});

Deno.test("timing - every malformed timing is a 400 with its field's words", () => {
  const t = (v: unknown) => code(() => checkTiming(v, "UTC"));
  assertEquals(t(null), [
    "INVALID_TIMING",
    "timing must be an object with a kind: once, daily, weekly, monthly, cron",
  ]);
  assertEquals(
    t({ kind: "hourly" })[1],
    "timing.kind must be one of once, daily, weekly, monthly, cron",
  );
  assertEquals(t({ kind: "daily", time: "9:00" }), [
    "INVALID_TIMING",
    "timing.time must be a time of day as HH:MM (24-hour), e.g. 02:30",
  ]);
  assertEquals(t({ kind: "daily", time: "24:00" })[0], "INVALID_TIMING");
  assertEquals(
    t({ kind: "daily", time: "09:00", day: 3 })[1],
    'Unknown field "day" in a daily timing',
  );
  for (const days of [[], [7], [1.5], "1", undefined]) {
    assertEquals(t({ kind: "weekly", days, time: "09:00" }), [
      "INVALID_TIMING",
      "timing.days must list at least one weekday from 0 (Sunday) to 6 (Saturday)",
    ]);
  }
  for (const day of [0, 32, 1.5, "3"]) {
    assertEquals(
      t({ kind: "monthly", day, time: "09:00" })[1],
      "timing.day must be a day of the month from 1 to 31 (a day past the month's end runs on its last day)",
    );
  }
  for (const bad of ["2026-02-30T09:00", "tomorrow", "2026-05-01", 5]) {
    assertEquals(t({ kind: "once", at: bad })[0], "INVALID_TIMING");
  }
  assertEquals(checkTiming({ kind: "weekly", days: [5, 1, 5], time: "07:05" }, "UTC"), {
    kind: "weekly",
    days: [1, 5],
    time: "07:05",
  });
});

Deno.test("timing - cron expressions are checked by croner, its words kept", () => {
  const t = (expression: unknown) => code(() => checkTiming({ kind: "cron", expression }, "UTC"));
  assertEquals(t("61 * * * *"), [
    "INVALID_CRON",
    'Invalid cron expression "61 * * * *": CronPattern: Invalid value for minute: 61',
  ]);
  assertEquals(t("* * * *")[1].startsWith('Invalid cron expression "* * * *": CronPattern:'), true);
  assertEquals(t("0 0 0 * * * 2020")[0], "INVALID_CRON");
  assertEquals(t("0 0 31 2 *"), ["INVALID_CRON", 'Cron expression "0 0 31 2 *" never runs']);
  assertEquals(t("")[1], "timing.expression must be a cron expression (1–200 characters)");
  assertEquals(checkTiming({ kind: "cron", expression: "  30 2 * * 1-5 " }, "UTC"), {
    kind: "cron",
    expression: "30 2 * * 1-5",
  });
});

Deno.test("timing - a cron job runs at most once a minute: seconds fields naming more than one second are refused", () => {
  const t = (expression: string) => code(() => checkTiming({ kind: "cron", expression }, "UTC"));
  for (const expression of ["* * * * * *", "*/10 * * * * *", "0,30 * * * * *", "0-1 0 3 * * *"]) {
    assertEquals(t(expression), [
      "INVALID_CRON",
      `Cron expression "${expression}" runs more than once a minute: a job runs at most once ` +
      'a minute (use five fields, minute hour day month weekday, e.g. "*/5 * * * *")',
    ]);
  }
  for (const expression of ["* * * * *", "0 * * * * *", "30 */5 * * * *", "15 0 12 * * *"]) {
    assertEquals(checkTiming({ kind: "cron", expression }, "UTC"), { kind: "cron", expression });
  }
});
