import { AppError } from "../errors.ts";
import { openStore } from "../store.ts";
import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import {
  checkRetentionInput,
  cleanupDue,
  DEFAULT_RETENTION,
  readRetention,
  writeRetention,
} from "./retention.ts";

Deno.test("retention - input is checked field by field with the API's words", () => {
  assertEquals(checkRetentionInput({ rawHours: 6, enabled: false }), {
    rawHours: 6,
    enabled: false,
  });
  const cases: [unknown, string][] = [
    [{ rawHours: 0 }, "rawHours must be a whole number from 1 to 72"],
    [{ rawHours: 1.5 }, "rawHours must be a whole number from 1 to 72"],
    [{ minuteDays: 91 }, "minuteDays must be a whole number from 1 to 90"],
    [{ hourDays: "30" }, "hourDays must be a whole number from 1 to 3650"],
    [{ cleanupHour: 24 }, "cleanupHour must be a whole number from 0 to 23"],
    [{ enabled: "yes" }, "enabled must be true or false"],
    [
      { lastCleanupAt: null },
      'Unknown setting "lastCleanupAt": expected enabled, rawHours, ' +
      "minuteDays, hourDays, cleanupHour",
    ],
    [[1], "Body must be a JSON object of retention settings"],
    // Prototype keys are settings nobody knows, not a crash.
    [
      JSON.parse('{"__proto__": {"rawHours": 1}}'),
      'Unknown setting "__proto__": expected enabled, rawHours, minuteDays, hourDays, cleanupHour',
    ],
    [
      { constructor: 1 },
      'Unknown setting "constructor": expected enabled, rawHours, minuteDays, hourDays, ' +
      "cleanupHour",
    ],
  ];
  for (const [input, message] of cases) {
    const err = assertThrows(() => checkRetentionInput(input), AppError);
    assertEquals([err.status, err.code, err.message], [400, "INVALID_SETTING", message]);
  }
});

Deno.test("retention - defaults until saved; saving merges and persists", () => {
  using store = openStore(null);
  assertEquals(readRetention(store), DEFAULT_RETENTION);
  writeRetention(store, { rawHours: 12 });
  writeRetention(store, { cleanupHour: 4 });
  assertEquals(readRetention(store), { ...DEFAULT_RETENTION, rawHours: 12, cleanupHour: 4 });
});

Deno.test("retention - the daily clean-up is due once its local hour has passed, once a day", () => {
  const policy = { ...DEFAULT_RETENTION, cleanupHour: 3 };
  const at = (day: number, hour: number, minute = 0) =>
    new Date(2026, 10, day, hour, minute).getTime();
  assert(!cleanupDue({ ...policy, lastCleanupAt: null }, at(5, 2, 59)), "before 03:00");
  assert(cleanupDue({ ...policy, lastCleanupAt: null }, at(5, 3)), "at 03:00");
  const ranAt = new Date(at(5, 3, 1)).toISOString();
  assert(!cleanupDue({ ...policy, lastCleanupAt: ranAt }, at(5, 23)), "not twice the same day");
  // Down from the 5th to the 8th at noon: due once on return, not once per missed day.
  assert(cleanupDue({ ...policy, lastCleanupAt: ranAt }, at(8, 12)));
  const caughtUp = new Date(at(8, 12)).toISOString();
  assert(!cleanupDue({ ...policy, lastCleanupAt: caughtUp }, at(8, 13)));
  assert(!cleanupDue({ ...policy, enabled: false, lastCleanupAt: null }, at(5, 4)), "disabled");
});
