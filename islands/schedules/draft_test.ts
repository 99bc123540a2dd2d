// The job form's conversions and the words of the table.

import type { Schedule } from "../../shared/scheduler.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import { draftOf, inputOf, inputOfSchedule, newDraft } from "./draft.ts";
import { managedBadge, nextRunWords, resultWords, targetNames, timingWords } from "./format.ts";

const A = "6b5a6f1e-0000-4000-8000-00000000000a";
const B = "6b5a6f1e-0000-4000-8000-00000000000b";

const job = (extra: Partial<Schedule> = {}): Schedule => ({
  id: "j1",
  name: "nightly",
  operation: "backup",
  vmIds: [A, B],
  vmNames: { [B]: "old-b" },
  timing: { kind: "once", at: "2026-05-01T07:00:00.000Z" },
  timezone: "Europe/Berlin",
  missed: "skip",
  options: { mode: "full", keep: 4 },
  enabled: true,
  nextRunAt: "2026-05-01T07:00:00.000Z",
  lastRun: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  managedBy: null,
  ...extra,
});

Deno.test("schedule draft - a stored job round-trips; a once time shows in the job's zone", () => {
  const d = draftOf(job());
  assertEquals([d.kind, d.at, d.mode, d.keep], ["once", "2026-05-01T09:00", "full", "4"]);
  assertEquals(inputOf(d), {
    name: "nightly",
    operation: "backup",
    vmIds: [A, B],
    timing: { kind: "once", at: "2026-05-01T09:00" },
    timezone: "Europe/Berlin",
    missed: "skip",
    options: { mode: "full", keep: 4 },
    enabled: true,
  });
  const monthly = draftOf(job({
    operation: "start",
    options: {},
    timing: { kind: "monthly", day: 31, time: "02:30" },
  }));
  assertEquals(inputOf({ ...monthly, keep: "" }).timing, {
    kind: "monthly",
    day: 31,
    time: "02:30",
  });
  assertEquals(inputOf(monthly).options, {});
  // Whatever is typed goes to the server as typed, which says what is wrong.
  assertEquals(inputOf({ ...newDraft("UTC"), kind: "monthly", day: "x" }).timing, {
    kind: "monthly",
    day: "x" as unknown as number,
    time: "03:00",
  });
  assertEquals(inputOfSchedule(job(), { enabled: false }).enabled, false);
});

Deno.test("schedule words - timings, next run, targets and results", () => {
  assertEquals(
    timingWords({ kind: "weekly", days: [1, 5], time: "18:00" }, "UTC"),
    "Weekly on Mon, Fri at 18:00",
  );
  assertEquals(
    timingWords({ kind: "monthly", day: 30, time: "09:00" }, "UTC"),
    "Monthly on day 30 (or the month's last day) at 09:00",
  );
  assertEquals(timingWords(job().timing, "Europe/Berlin"), "Once at May 1, 2026, 09:00");
  assertEquals(timingWords({ kind: "cron", expression: "0 9 L * *" }, "UTC"), "Cron 0 9 L * *");
  assertEquals(nextRunWords(job()), "May 1, 2026, 09:00");
  assertEquals(nextRunWords(job({ enabled: false })), "Disabled");
  assertEquals(nextRunWords(job({ nextRunAt: null })), "Time passed");
  assertEquals(targetNames(job(), [{ id: A, name: "a" }]), ["a", "old-b"]);
  assertEquals(resultWords({ vmId: A, vmName: "a", ok: true }), "a: done");
  assertEquals(
    resultWords({ vmId: B, vmName: "b", ok: false, error: { code: "X", message: "Nope" } }),
    "b: Nope",
  );
});

Deno.test("schedule words - a job a policy keeps says which kind of policy", () => {
  assertEquals(managedBadge(job()), null);
  assertEquals(managedBadge(job({ managedBy: "profile:p1" }))?.label, "Managed by profile");
  assertEquals(managedBadge(job({ managedBy: `vm:${A}` }))?.label, "Local override");
});
