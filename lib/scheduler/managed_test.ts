// Backup jobs kept by policies (Scheduler.syncManaged): created, updated and deleted with the
// policies, next runs kept while the timing is, names stepping aside for hand-made jobs, and
// refused edits; a run executes the backup with the job's keep.

import { assertEquals, assertRejects, assertThrows } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { Store } from "../store.ts";
import { type Clock, type OperationRunner, Scheduler } from "./scheduler.ts";
import type { ManagedJob, ScheduleOperation } from "../../shared/scheduler.ts";

const A = "6b5a6f1e-0000-4000-8000-00000000000a";
const B = "6b5a6f1e-0000-4000-8000-00000000000b";
const C = "6b5a6f1e-0000-4000-8000-00000000000c";
const NAMES: Record<string, string> = { [A]: "alpha", [B]: "bravo", [C]: "charlie" };

function setup(start: string) {
  const clock: Clock & { t: number } = {
    t: Date.parse(start),
    now: () => clock.t,
    setTimeout: () => 0,
    clearTimeout: () => {},
  };
  const calls: { operation: ScheduleOperation; vmId: string; options: unknown }[] = [];
  const run: OperationRunner = (operation, vmId, options) => {
    calls.push({ operation, vmId, options });
    return Promise.resolve();
  };
  const scheduler = new Scheduler({
    store: Store.open(":memory:"),
    run,
    emit: () => {},
    clock,
    vmName: (id) => Promise.resolve(NAMES[id] ?? null),
    log: (m) => {
      throw new Error(`unexpected log: ${m}`);
    },
  });
  const byName = () => new Map(scheduler.list().map((s) => [s.name, s]));
  return { clock, calls, scheduler, byName };
}

const gold = (extra: Partial<ManagedJob> = {}): ManagedJob => ({
  owner: "profile:gold",
  name: "Backups: gold",
  vmIds: [A, B],
  timing: { kind: "daily", time: "02:00" },
  timezone: "UTC",
  options: { mode: "auto", keep: 5 },
  ...extra,
});

const charlie = (extra: Partial<ManagedJob> = {}): ManagedJob => ({
  owner: `vm:${C}`,
  name: "Backups: charlie",
  vmIds: [C],
  timing: { kind: "weekly", days: [0], time: "03:00" },
  timezone: "Europe/Berlin",
  options: { mode: "full", keep: 2 },
  ...extra,
});

const handMade = (name: string) => ({
  name,
  operation: "start",
  vmIds: [A],
  timing: { kind: "daily", time: "09:00" },
  timezone: "UTC",
});

Deno.test("scheduler managed - sync creates, updates and deletes policy jobs; hand-made ones stay", async () => {
  const { clock, scheduler, byName } = setup("2026-01-10T08:00:00Z");
  const mine = await scheduler.create(handMade("nightly"));
  await scheduler.syncManaged([gold(), charlie()]);
  const made = byName();
  const g = made.get("Backups: gold")!;
  assertEquals(
    [g.managedBy, g.operation, g.vmIds, g.vmNames, g.missed, g.enabled, g.options, g.nextRunAt],
    [
      "profile:gold",
      "backup",
      [A, B],
      { [A]: "alpha", [B]: "bravo" },
      "run-once",
      true,
      { mode: "auto", keep: 5 },
      "2026-01-11T02:00:00.000Z",
    ],
  );
  // Sunday 11 January, 03:00 CET.
  assertEquals(made.get("Backups: charlie")?.nextRunAt, "2026-01-11T02:00:00.000Z");
  assertEquals(made.get("Backups: charlie")?.managedBy, `vm:${C}`);
  assertEquals(made.get("nightly")?.managedBy, null);

  // The same list again changes nothing, not even updatedAt.
  clock.t += 60_000;
  await scheduler.syncManaged([gold(), charlie()]);
  assertEquals(scheduler.list(), [...made.values()]);

  // 03:00 on the 11th: gold's 02:00 slot is due but not yet taken. Same timing: the slot stays
  // (it catches up); other VMs and keep do not move it. charlie's owner is gone: deleted.
  clock.t = Date.parse("2026-01-11T03:00:00Z");
  await scheduler.syncManaged([gold({ vmIds: [A, C], options: { mode: "full", keep: 3 } })]);
  const kept = byName();
  assertEquals([...kept.keys()], ["Backups: gold", "nightly"]);
  const g2 = kept.get("Backups: gold")!;
  assertEquals([g2.id, g2.vmIds, g2.options, g2.nextRunAt], [
    g.id,
    [A, C],
    { mode: "full", keep: 3 },
    "2026-01-11T02:00:00.000Z",
  ]);
  assertEquals(g2.vmNames, { [A]: "alpha", [B]: "bravo", [C]: "charlie" });
  assertEquals(g2.updatedAt, "2026-01-11T03:00:00.000Z");
  assertEquals(kept.get("nightly"), { ...made.get("nightly")!, id: mine.id });

  // A new timing (or zone) counts from now.
  await scheduler.syncManaged([gold({ timing: { kind: "daily", time: "04:00" } })]);
  assertEquals(scheduler.get(g.id).nextRunAt, "2026-01-11T04:00:00.000Z");
  await scheduler.syncManaged([
    gold({ timing: { kind: "daily", time: "04:00" }, timezone: "America/New_York" }),
  ]);
  assertEquals(scheduler.get(g.id).nextRunAt, "2026-01-11T09:00:00.000Z");

  // An empty list removes every managed job, and only those.
  await scheduler.syncManaged([]);
  assertEquals(scheduler.list().map((s) => s.name), ["nightly"]);
});

Deno.test("scheduler managed - names taken by hand-made jobs get (2), (3) …; policies can swap names", async () => {
  const { scheduler, byName } = setup("2026-01-10T08:00:00Z");
  const taken = await scheduler.create(handMade("Backups"));
  await scheduler.create(handMade("Backups (2)"));
  const other = { owner: "profile:silver", name: "backups" };
  await scheduler.syncManaged([gold({ name: "Backups" }), gold(other)]);
  assertEquals(
    [...byName().values()].map((s) => [s.name, s.managedBy]),
    [
      ["Backups", null],
      ["Backups (2)", null],
      ["Backups (3)", "profile:gold"],
      ["backups (4)", "profile:silver"],
    ],
  );
  // The hand-made "Backups" goes: gold takes its name, and silver the one gold had.
  scheduler.delete(taken.id);
  await scheduler.syncManaged([gold({ name: "Backups" }), gold(other)]);
  assertEquals(
    [...byName().values()].map((s) => [s.name, s.managedBy]),
    [
      ["Backups", "profile:gold"],
      ["Backups (2)", null],
      ["backups (3)", "profile:silver"],
    ],
  );
  // Two policies swap names.
  await scheduler.syncManaged([gold({ name: "daily" }), gold({ ...other, name: "weekly" })]);
  await scheduler.syncManaged([gold({ name: "weekly" }), gold({ ...other, name: "daily" })]);
  assertEquals(
    scheduler.list().filter((s) => s.managedBy).map((s) => [s.name, s.managedBy]),
    [["daily", "profile:silver"], ["weekly", "profile:gold"]],
  );
  // A hand-made job cannot take a managed job's name.
  const err = await assertRejects(() => scheduler.create(handMade("WEEKLY")), AppError);
  assertEquals([err.status, err.code], [409, "SCHEDULE_EXISTS"]);
});

Deno.test("scheduler managed - no VM limit; a bad job is refused and nothing is written", async () => {
  const { scheduler } = setup("2026-01-10T08:00:00Z");
  const many = Array.from(
    { length: 150 },
    (_, i) => `6b5a6f1e-0000-4000-8000-${String(i).padStart(12, "0")}`,
  );
  await scheduler.syncManaged([gold({ vmIds: [...many, many[0].toUpperCase()] })]);
  const [job] = scheduler.list();
  assertEquals(job.vmIds.length, 150, "all kept, duplicates dropped");
  const err = assertThrows(
    () => scheduler.syncManaged([charlie({ timezone: "Nowhere" })]),
    AppError,
  );
  assertEquals([err.status, err.code], [400, "INVALID_TIMEZONE"]);
  assertEquals(scheduler.list(), [job], "the failed sync deleted nothing");
  assertThrows(() => scheduler.syncManaged([gold({ vmIds: ["web"] })]), AppError);
  assertThrows(
    () => scheduler.syncManaged([gold({ options: { mode: "auto", keep: 0 } })]),
    AppError,
  );
});

Deno.test("scheduler managed - edits and deletes are refused; Run now and slots back up with the job's keep", async () => {
  const { clock, calls, scheduler } = setup("2026-01-10T08:00:00Z");
  await scheduler.syncManaged([gold({ options: { mode: "full", keep: 4 } }), charlie()]);
  const [c, g] = scheduler.list();
  assertEquals([c.managedBy, g.managedBy], [`vm:${C}`, "profile:gold"]);
  for (
    const attempt of [() => scheduler.replace(g.id, { name: "mine" }), () => scheduler.delete(g.id)]
  ) {
    const err = await assertRejects(async () => await attempt(), AppError);
    assertEquals([err.status, err.code, err.message], [
      409,
      "MANAGED_BY_PROFILE",
      "This job is kept by a profile's backup policy: change the profile (or the VM's local " +
      "override) instead",
    ]);
  }
  const local = await assertRejects(async () => await scheduler.delete(c.id), AppError);
  assertEquals(
    local.message,
    "This job is kept by a VM's local backup override: change or remove the override instead",
  );

  const { runId } = scheduler.runNow(g.id);
  await scheduler.idle();
  assertEquals(calls, [
    { operation: "backup", vmId: A, options: { mode: "full", keep: 4 } },
    { operation: "backup", vmId: B, options: { mode: "full", keep: 4 } },
  ]);
  assertEquals(scheduler.runs(g.id, 5).map((r) => [r.id, r.trigger, r.status]), [
    [runId, "manual", "succeeded"],
  ]);
  clock.t = Date.parse("2026-01-11T02:00:00Z");
  calls.length = 0;
  await scheduler.tick();
  assertEquals(calls.map((x) => [x.vmId, x.options]).sort(), [
    [A, { mode: "full", keep: 4 }],
    [B, { mode: "full", keep: 4 }],
    [C, { mode: "full", keep: 2 }],
  ]);
  assertEquals(scheduler.get(g.id).nextRunAt, "2026-01-12T02:00:00.000Z");
});
