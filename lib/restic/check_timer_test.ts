import { assertEquals } from "../../tests/support/assert.ts";
import { CheckTimer } from "./check_timer.ts";

Deno.test("restic check timer - a repository is checked when its cron time has come, once", async () => {
  let now = Date.parse("2026-11-26T02:59:30Z");
  const checked: string[] = [];
  const timer = new CheckTimer({
    list: () => [
      { id: "nightly", checkSchedule: "0 3 * * *" },
      { id: "never", checkSchedule: null },
      { id: "hourly", checkSchedule: "30 * * * *" },
    ],
    check: (id) => Promise.resolve(void checked.push(id)),
    now: () => now,
    zone: "UTC",
  });
  assertEquals(await timer.tick(), []);
  now = Date.parse("2026-11-26T03:00:10Z");
  assertEquals(await timer.tick(), ["nightly"]);
  assertEquals(await timer.tick(), [], "not twice for one time");
  now = Date.parse("2026-11-26T03:31:00Z");
  assertEquals(await timer.tick(), ["hourly"]);
  // A day later both are due again: each runs once, not once per time missed.
  now = Date.parse("2026-11-27T03:00:00Z");
  assertEquals(await timer.tick(), ["nightly", "hourly"]);
  assertEquals(checked, ["nightly", "hourly", "nightly", "hourly"]);
  timer.stop();
});
