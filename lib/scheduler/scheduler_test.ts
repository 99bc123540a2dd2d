// The scheduler with an injected clock: slots claimed once, missed runs after downtime, clock
// jumps, DST nights, deleted VMs, per-VM results, disabled and once jobs, the timer, history.

import { assert, assertEquals, assertRejects, assertThrows } from "../../tests/support/assert.ts";
import { AppError, vmNotFound } from "../errors.ts";
import { Store } from "../store.ts";
import type { AppEvent } from "../../shared/events.ts";
import {
  type Clock,
  GRACE_MS,
  INTERRUPTED,
  MAX_SLEEP_MS,
  type OperationRunner,
  Scheduler,
  STILL_RUNNING,
} from "./scheduler.ts";
import { RUNS_KEPT } from "./repo.ts";
import type { ScheduleInput, ScheduleOperation } from "../../shared/scheduler.ts";

const A = "6b5a6f1e-0000-4000-8000-00000000000a";
const B = "6b5a6f1e-0000-4000-8000-00000000000b";
const C = "6b5a6f1e-0000-4000-8000-00000000000c";
const NAMES: Record<string, string> = { [A]: "alpha", [B]: "bravo", [C]: "charlie" };
const MINUTE = 60_000;

/** A clock the test sets; timers are kept, not fired, unless the test fires them. */
class FakeClock implements Clock {
  timers = new Map<number, { fn: () => void; ms: number }>();
  #next = 1;
  constructor(public t: number) {}
  now = () => this.t;
  set(iso: string) {
    this.t = Date.parse(iso);
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.#next++;
    this.timers.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  /** The one armed timer. */
  armed() {
    assertEquals(this.timers.size, 1, "one timer armed");
    const [[id, timer]] = [...this.timers];
    return { ...timer, fire: () => (this.timers.delete(id), timer.fn()) };
  }
}

interface Call {
  operation: ScheduleOperation;
  vmId: string;
  options: Record<string, unknown>;
}

function setup(
  start: string,
  { store = Store.open(":memory:"), fail = {} as Record<string, Error>, names = NAMES } = {},
) {
  const clock = new FakeClock(Date.parse(start));
  const calls: Call[] = [];
  const events: AppEvent[] = [];
  const logs: string[] = [];
  const run: OperationRunner = (operation, vmId, options) => {
    calls.push({ operation, vmId, options });
    return fail[vmId] ? Promise.reject(fail[vmId]) : Promise.resolve();
  };
  const scheduler = new Scheduler({
    store,
    run,
    emit: (e) => events.push(e),
    clock,
    vmName: (id) => Promise.resolve(names[id] ?? null),
    log: (m) => logs.push(m),
  });
  return { store, clock, calls, events, logs, scheduler };
}

const daily = (name: string, extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  name,
  operation: "start",
  vmIds: [A],
  timing: { kind: "daily", time: "09:00" },
  timezone: "UTC",
  ...extra,
});

Deno.test("scheduler - after 3 days down: a run-once job runs once, a skip job records one skip", async () => {
  const { store, scheduler } = setup("2026-01-10T08:00:00Z");
  const once = await scheduler.create(daily("catch up", { vmIds: [A, B] }));
  const skip = await scheduler.create(daily("skip it", { vmIds: [C], missed: "skip" }));
  assertEquals(once.nextRunAt, "2026-01-10T09:00:00.000Z");
  await scheduler.close();

  // Down from 08:00 on the 10th to 12:00 on the 13th: four daily slots passed.
  const after = setup("2026-01-13T12:00:00Z", { store });
  after.scheduler.start();
  await after.scheduler.tick();
  await after.scheduler.tick();
  assertEquals(after.calls.map((c) => c.vmId), [A, B], "the run-once job ran once, on A and B");
  const [run] = after.scheduler.runs(once.id, 50);
  assertEquals(after.scheduler.runs(once.id, 50).length, 1);
  assertEquals([run.trigger, run.slotAt, run.status], [
    "catch-up",
    "2026-01-10T09:00:00.000Z",
    "succeeded",
  ]);
  const skipped = after.scheduler.runs(skip.id, 50);
  assertEquals(skipped.map((r) => [r.status, r.slotAt, r.results]), [
    ["skipped", "2026-01-10T09:00:00.000Z", []],
  ]);
  assertEquals(
    skipped[0].error,
    "Skipped: missed at 2026-01-10T09:00:00.000Z (KVM Manager was not running or the clock " +
      "jumped) and this job skips missed runs",
  );
  for (const id of [once.id, skip.id]) {
    assertEquals(after.scheduler.get(id).nextRunAt, "2026-01-14T09:00:00.000Z");
  }
  assertEquals(after.events.map((e) => e.type === "schedule-run" && e.status).sort(), [
    "running",
    "skipped",
    "succeeded",
  ]);
});

Deno.test("scheduler - a slot up to the grace period late runs as scheduled, later as catch-up", async () => {
  const { clock, scheduler } = setup("2026-01-10T08:00:00Z");
  const job = await scheduler.create(daily("late", { missed: "skip" }));
  clock.t = Date.parse("2026-01-10T09:00:00Z") + GRACE_MS;
  await scheduler.tick();
  const [run] = scheduler.runs(job.id, 5);
  assertEquals([run.trigger, run.status], ["schedule", "succeeded"]);
});

Deno.test("scheduler - the clock set back runs nothing twice, not even after an edit", async () => {
  const { clock, calls, scheduler } = setup("2026-01-10T08:00:00Z");
  const job = await scheduler.create(daily("back"));
  clock.set("2026-01-10T09:00:00Z");
  await scheduler.tick();
  assertEquals(calls.length, 1);
  // Back an hour, then forward through 09:00 again.
  clock.set("2026-01-10T08:00:00Z");
  await scheduler.tick();
  clock.set("2026-01-10T09:00:30Z");
  await scheduler.tick();
  assertEquals(calls.length, 1, "09:00 ran once");
  // Back again, and the job edited to 08:30: today's 08:30 lies before the claimed 09:00.
  clock.set("2026-01-10T08:00:00Z");
  const edited = await scheduler.replace(
    job.id,
    daily("back", { timing: { kind: "daily", time: "08:30" } }),
  );
  assertEquals(edited.nextRunAt, "2026-01-11T08:30:00.000Z");
  clock.set("2026-01-10T08:31:00Z");
  await scheduler.tick();
  assertEquals(calls.length, 1);
  clock.set("2026-01-11T08:30:00Z");
  await scheduler.tick();
  assertEquals(calls.length, 2);
});

Deno.test("scheduler - DST nights in Berlin: 02:30 runs once on each, at the documented time", async () => {
  const { clock, scheduler } = setup("2026-03-28T12:00:00Z");
  const job = await scheduler.create(
    daily("dst", { timing: { kind: "daily", time: "02:30" }, timezone: "Europe/Berlin" }),
  );
  // Every 5 minutes through the spring-forward night, then the fall-back night.
  const walk = async (from: string, to: string) => {
    for (let t = Date.parse(from); t <= Date.parse(to); t += 5 * MINUTE) {
      clock.t = t;
      await scheduler.tick();
    }
  };
  await walk("2026-03-28T22:00:00Z", "2026-03-29T04:00:00Z");
  await walk("2026-10-24T22:00:00Z", "2026-10-25T04:00:00Z");
  assertEquals(
    scheduler.runs(job.id, 10).map((r) => [r.slotAt, r.startedAt, r.trigger]).reverse(),
    [
      // 02:30 does not exist on 29 March: 03:00 CEST.
      ["2026-03-29T01:00:00.000Z", "2026-03-29T01:00:00.000Z", "schedule"],
      // Between the nights the host was "down": one catch-up of 30 March's slot.
      ["2026-03-30T00:30:00.000Z", "2026-10-24T22:00:00.000Z", "catch-up"],
      // 02:30 happens twice on 25 October: the first only (02:30 CEST = 00:30Z).
      ["2026-10-25T00:30:00.000Z", "2026-10-25T00:30:00.000Z", "schedule"],
    ],
  );
});

Deno.test("scheduler - a deleted VM is that VM's error; the next job still runs", async () => {
  const fail = { [B]: vmNotFound(B) };
  const { scheduler, logs } = setup("2026-01-10T08:00:00Z", { fail });
  const gone = await scheduler.create(daily("gone", { vmIds: [B] }));
  const fine = await scheduler.create(daily("fine", { vmIds: [A] }));
  // B is deleted after the job was saved: its name is no longer found, the last known is kept.
  const later = setup("2026-01-10T09:00:00Z", {
    store: scheduler.deps.store,
    fail,
    names: { [A]: "alpha" },
  });
  await later.scheduler.tick();
  assertEquals(later.scheduler.get(gone.id).lastRun?.status, "failed");
  assertEquals(later.scheduler.get(gone.id).lastRun?.results, [{
    vmId: B,
    vmName: "bravo",
    ok: false,
    error: { code: "VM_NOT_FOUND", message: `VM not found: ${B}` },
  }]);
  assertEquals(later.scheduler.get(fine.id).lastRun?.status, "succeeded");
  assertEquals(later.scheduler.get(gone.id).nextRunAt, "2026-01-11T09:00:00.000Z");
  assertEquals([...logs, ...later.logs], [], "a VM's failure is a result, not a scheduler error");
});

Deno.test("scheduler - per-VM results in order: one failing makes the run partial", async () => {
  const fail = { [B]: new AppError("INVALID_STATE", "VM is already running") };
  const { clock, calls, scheduler } = setup("2026-01-10T08:00:00Z", { fail });
  const job = await scheduler.create(daily("three", { vmIds: [A, B, C, A] }));
  assertEquals(job.vmIds, [A, B, C], "duplicates dropped");
  assertEquals(job.vmNames, NAMES);
  clock.set("2026-01-10T09:00:00Z");
  await scheduler.tick();
  assertEquals(calls.map((c) => [c.operation, c.vmId]), [["start", A], ["start", B], ["start", C]]);
  const run = scheduler.get(job.id).lastRun!;
  assertEquals(run.status, "partial");
  assertEquals(run.results, [
    { vmId: A, vmName: "alpha", ok: true },
    {
      vmId: B,
      vmName: "bravo",
      ok: false,
      error: { code: "INVALID_STATE", message: "VM is already running" },
    },
    { vmId: C, vmName: "charlie", ok: true },
  ]);
  // A plain Error (not AppError) keeps its words under code ERROR; all failing is "failed".
  const all = setup("2026-01-10T08:00:00Z", {
    fail: { [A]: new Error("boom"), [C]: new Error("bang") },
  });
  const both = await all.scheduler.create(daily("both", { vmIds: [A, C] }));
  all.clock.set("2026-01-10T09:00:00Z");
  await all.scheduler.tick();
  const failed = all.scheduler.get(both.id).lastRun!;
  assertEquals(failed.status, "failed");
  assertEquals(failed.results.map((r) => r.error), [
    { code: "ERROR", message: "boom" },
    { code: "ERROR", message: "bang" },
  ]);
});

Deno.test("scheduler - disabled jobs never run; enabling counts from now", async () => {
  const { clock, calls, scheduler } = setup("2026-01-10T08:00:00Z");
  const job = await scheduler.create(daily("off", { enabled: false }));
  assertEquals(job.nextRunAt, null);
  clock.set("2026-01-12T09:00:00Z");
  await scheduler.tick();
  assertEquals(calls, []);
  const on = await scheduler.replace(job.id, daily("off", { enabled: true }));
  assertEquals(on.nextRunAt, "2026-01-13T09:00:00.000Z", "no catch-up of slots while disabled");
  const off = await scheduler.replace(job.id, daily("off", { enabled: false }));
  assertEquals(off.nextRunAt, null);
  clock.set("2026-01-13T09:00:00Z");
  await scheduler.tick();
  assertEquals(calls, []);
  assertEquals(scheduler.runs(job.id, 10), []);
});

Deno.test("scheduler - a once job runs once, then has no next run", async () => {
  const { clock, calls, scheduler } = setup("2026-01-10T08:00:00Z");
  const job = await scheduler.create(
    daily("one shot", {
      timing: { kind: "once", at: "2026-01-10T10:00" },
      timezone: "Europe/Berlin",
    }),
  );
  assertEquals(job.timing, { kind: "once", at: "2026-01-10T09:00:00.000Z" });
  assertEquals(job.nextRunAt, "2026-01-10T09:00:00.000Z");
  clock.set("2026-01-10T09:00:00Z");
  await scheduler.tick();
  clock.set("2026-01-11T09:00:00Z");
  await scheduler.tick();
  assertEquals(calls.length, 1);
  const done = scheduler.get(job.id);
  assertEquals([done.nextRunAt, done.lastRun?.status], [null, "succeeded"]);
  // Saving it again (renamed) with its past time is allowed and does not run it again.
  const renamed = await scheduler.replace(
    job.id,
    daily("one shot, done", { timing: done.timing, timezone: "Europe/Berlin" }),
  );
  assertEquals(renamed.nextRunAt, null);
  // A new time must be in the future.
  const err = await assertRejects(
    () =>
      scheduler.replace(
        job.id,
        daily("x", { timing: { kind: "once", at: "2026-01-11T08:00:00Z" } }),
      ),
    AppError,
  );
  assertEquals([err.code, err.message], [
    "INVALID_TIMING",
    "timing.at (2026-01-11T08:00:00.000Z) is in the past: pick a time in the future",
  ]);
});

Deno.test("scheduler - snapshot names from the job and slot in its zone; backup options", async () => {
  const { clock, calls, scheduler } = setup("2026-01-31T20:00:00Z");
  await scheduler.create({
    name: "Nightly DB snap!",
    operation: "snapshot",
    vmIds: [A],
    timing: { kind: "daily", time: "00:15" },
    timezone: "Europe/Berlin",
  });
  await scheduler.create({
    name: "weekly backup",
    operation: "backup",
    vmIds: [B],
    timing: { kind: "daily", time: "00:15" },
    timezone: "Europe/Berlin",
    options: { mode: "incremental", keep: 7 },
  });
  clock.set("2026-01-31T23:15:00Z");
  await scheduler.tick();
  assertEquals(calls.map((c) => [c.operation, c.options]), [
    ["snapshot", {
      name: "Nightly-DB-snap-20260201-0015",
      description: 'Scheduled by job "Nightly DB snap!" for 2026-02-01 00:15 (Europe/Berlin)',
    }],
    ["backup", { mode: "incremental", keep: 7 }],
  ]);
  assert(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(String(calls[0].options.name)));
  const long = await scheduler.create({
    name: "!".repeat(5) + "x".repeat(59),
    operation: "snapshot",
    vmIds: [C],
    timing: { kind: "daily", time: "00:15" },
  });
  scheduler.runNow(long.id);
  await scheduler.idle();
  const name = String(calls[2].options.name);
  assert(/^x{48}-\d{8}-\d{4}(\d{2})?$/.test(name), name);
});

Deno.test("scheduler - the timer sleeps until the earliest run, at most a minute", async () => {
  const { clock, calls, scheduler } = setup("2026-01-10T08:59:30Z");
  scheduler.start();
  assertEquals(clock.armed().ms, MAX_SLEEP_MS, "nothing scheduled: a minute");
  await scheduler.create(daily("soon"));
  assertEquals(clock.armed().ms, 30_000, "re-armed for 09:00");
  clock.set("2026-01-10T09:00:00Z");
  clock.armed().fire();
  await scheduler.idle();
  assertEquals(calls.length, 1);
  assertEquals(clock.armed().ms, MAX_SLEEP_MS, "tomorrow is far: capped");
  // A clock jump of two days forward is noticed at the next wake.
  clock.set("2026-01-12T10:00:00Z");
  clock.armed().fire();
  await scheduler.idle();
  assertEquals(calls.length, 2);
  await scheduler.close();
  assertEquals(clock.timers.size, 0, "close() clears the timer");
});

Deno.test("scheduler - jobs already due at start run a second later, on time within the grace", async () => {
  const { store, scheduler } = setup("2026-01-10T08:00:00Z");
  const job = await scheduler.create(daily("restart"));
  const after = setup("2026-01-10T09:00:30Z", { store });
  after.scheduler.start();
  const timer = after.clock.armed();
  assertEquals(timer.ms, 1000);
  timer.fire();
  await after.scheduler.idle();
  assertEquals(after.calls.length, 1);
  assertEquals(after.scheduler.get(job.id).lastRun?.trigger, "schedule");
  assertEquals(after.clock.armed().ms, MAX_SLEEP_MS);
  await after.scheduler.close();
});

Deno.test("scheduler - a slot during a run still going is skipped; Run now is refused", async () => {
  const store = Store.open(":memory:");
  const clock = new FakeClock(Date.parse("2026-01-10T08:59:00Z"));
  let release = () => {};
  const events: AppEvent[] = [];
  const scheduler = new Scheduler({
    store,
    clock,
    emit: (e) => events.push(e),
    vmName: () => Promise.resolve("alpha"),
    run: () => new Promise<void>((r) => release = r),
  });
  const job = await scheduler.create(
    daily("slow", { timing: { kind: "cron", expression: "* * * * *" } }),
  );
  clock.set("2026-01-10T09:00:00Z");
  const first = scheduler.tick();
  await new Promise((r) => setTimeout(r, 0));
  const busy = assertThrows(() => scheduler.runNow(job.id), AppError);
  assertEquals([busy.status, busy.code], [409, "SCHEDULE_RUNNING"]);
  clock.set("2026-01-10T09:01:00Z");
  await scheduler.tick();
  release();
  await first;
  assertEquals(scheduler.runs(job.id, 5).map((r) => [r.slotAt, r.status, r.error]), [
    ["2026-01-10T09:01:00.000Z", "skipped", STILL_RUNNING],
    ["2026-01-10T09:00:00.000Z", "succeeded", null],
  ]);
  const runId = scheduler.runs(job.id, 1)[0].id + 1;
  assertEquals(events.map((e) => e.type === "schedule-run" && [e.runId, e.status]), [
    [runId - 2, "running"],
    [runId - 1, "skipped"],
    [runId - 2, "succeeded"],
  ]);
});

Deno.test("scheduler - runs a crash left 'running' become interrupted and never run again", async () => {
  const store = Store.open(":memory:");
  const clock = new FakeClock(Date.parse("2026-01-10T08:00:00Z"));
  let started = 0;
  const hung = new Scheduler({
    store,
    clock,
    emit: () => {},
    vmName: (id) => Promise.resolve(NAMES[id] ?? null),
    run: () => (started++, new Promise<void>(() => {})),
  });
  const job = await hung.create(daily("crash"));
  clock.set("2026-01-10T09:00:00Z");
  void hung.tick();
  await new Promise((r) => setTimeout(r, 0));
  assertEquals(started, 1);
  // The process "dies": a new scheduler on the same database.
  const after = setup("2026-01-10T09:00:10Z", { store });
  after.scheduler.start();
  await after.scheduler.tick();
  const [run] = after.scheduler.runs(job.id, 5);
  assertEquals([run.status, run.error, run.slotAt], [
    "interrupted",
    INTERRUPTED,
    "2026-01-10T09:00:00.000Z",
  ]);
  assertEquals(after.calls, [], "not executed again");
  assertEquals(after.events, [{
    type: "schedule-run",
    scheduleId: job.id,
    runId: run.id,
    status: "interrupted",
  }]);
  after.clock.set("2026-01-11T09:00:00Z");
  await after.scheduler.tick();
  assertEquals(after.calls.length, 1, "the next slot runs");
});

Deno.test("scheduler - history keeps the newest runs per job", async () => {
  const { clock, scheduler } = setup("2026-01-10T08:00:00Z");
  const job = await scheduler.create(daily("busy"));
  for (let i = 0; i < RUNS_KEPT + 5; i++) {
    clock.t += 1000;
    scheduler.runNow(job.id);
    await scheduler.idle();
  }
  const runs = scheduler.runs(job.id, 200);
  assertEquals(runs.length, RUNS_KEPT);
  assertEquals(runs[0].id - runs[RUNS_KEPT - 1].id, RUNS_KEPT - 1);
  assertEquals(runs[RUNS_KEPT - 1].id, 6, "the five oldest went");
  assertEquals(runs.every((r) => r.trigger === "manual" && r.status === "succeeded"), true);
});

Deno.test("scheduler - every field's check has its code; names are unique", async () => {
  const { scheduler } = setup("2026-01-10T08:00:00Z");
  const fails = async (input: unknown) => {
    const err = await assertRejects(() => scheduler.create(input), AppError);
    return [err.status, err.code, err.message];
  };
  assertEquals(await fails("x"), [
    400,
    "BAD_REQUEST",
    "Body must be a JSON object describing a scheduled job",
  ]);
  assertEquals(await fails({ ...daily("a"), color: "red" }), [
    400,
    "BAD_REQUEST",
    'Unknown field "color"',
  ]);
  const names = ["", "   ", "x".repeat(65), "tab\there", 7, "-x", ".x", "../x", "a/b", "</name>"];
  for (const name of names) {
    assertEquals(await fails(daily("a", { name } as never)), [
      400,
      "INVALID_NAME",
      "name is required: 1-64 characters, not starting with '-' or '.', without '/', '<', '>', " +
      "invisible or control characters, nor a space at either end",
    ]);
  }
  assertEquals(await fails(daily("a", { operation: "destroy" } as never)), [
    400,
    "INVALID_OPERATION",
    "operation must be one of start, shutdown, reboot, snapshot, backup",
  ]);
  for (const vmIds of [[], undefined, Array.from({ length: 101 }, () => A)]) {
    assertEquals(await fails(daily("a", { vmIds } as never)), [
      400,
      "INVALID_VMS",
      "vmIds must list 1 to 100 VM UUIDs",
    ]);
  }
  assertEquals(await fails(daily("a", { vmIds: [A, "web"] })), [
    400,
    "INVALID_VMS",
    'vmIds: "web" is not a VM\'s UUID',
  ]);
  assertEquals(
    (await fails(daily("a", { timing: { kind: "daily" } as never })))[1],
    "INVALID_TIMING",
  );
  assertEquals((await fails(daily("a", { timezone: "Moon/Base" })))[1], "INVALID_TIMEZONE");
  assertEquals(
    (await fails(daily("a", { timing: { kind: "cron", expression: "* * * * * * * *" } })))[1],
    "INVALID_CRON",
  );
  assertEquals(await fails(daily("a", { missed: "twice" } as never)), [
    400,
    "INVALID_POLICY",
    "missed must be one of run-once, skip",
  ]);
  assertEquals(await fails(daily("a", { enabled: "yes" } as never)), [
    400,
    "BAD_REQUEST",
    "enabled must be true or false",
  ]);
  assertEquals(await fails(daily("a", { options: { mode: "full" } })), [
    400,
    "INVALID_OPTIONS",
    'A start job takes no options (got "mode")',
  ]);
  const backup = (options: unknown) => daily("a", { operation: "backup", options } as never);
  assertEquals(await fails(backup([])), [400, "INVALID_OPTIONS", "options must be an object"]);
  assertEquals(await fails(backup({ mode: "diff" })), [
    400,
    "INVALID_OPTIONS",
    "options.mode must be one of auto, full, incremental",
  ]);
  for (const keep of [0, 101, 2.5, "3"]) {
    assertEquals(await fails(backup({ keep })), [
      400,
      "INVALID_OPTIONS",
      "options.keep must be a whole number from 1 to 100 (backups kept per VM)",
    ]);
  }
  assertEquals(await fails(backup({ compress: true })), [
    400,
    "INVALID_OPTIONS",
    'Unknown backup option "compress" (mode, keep, repository)',
  ]);
  assertEquals(await fails(daily("a", { timing: { kind: "once", at: "2026-01-10T07:59Z" } })), [
    400,
    "INVALID_TIMING",
    "timing.at (2026-01-10T07:59:00.000Z) is in the past: pick a time in the future",
  ]);
  // Defaults, and the backup mode filled in.
  const made = await scheduler.create(backup({}));
  assertEquals([made.missed, made.enabled, made.options, made.timezone], [
    "run-once",
    true,
    { mode: "auto" },
    "UTC",
  ]);
  assertEquals(await fails(daily("A")), [
    409,
    "SCHEDULE_EXISTS",
    "A scheduled job named A already exists",
  ]);
  const other = await scheduler.create(daily("b"));
  const clash = await assertRejects(() => scheduler.replace(other.id, daily("a")), AppError);
  assertEquals(clash.code, "SCHEDULE_EXISTS");
  const missing = assertThrows(() => scheduler.get("nope"), AppError);
  assertEquals([missing.status, missing.code, missing.message], [
    404,
    "SCHEDULE_NOT_FOUND",
    "Scheduled job not found: nope",
  ]);
  for (const fn of [() => scheduler.delete("nope"), () => scheduler.runNow("nope")]) {
    assertEquals(assertThrows(fn, AppError).code, "SCHEDULE_NOT_FOUND");
  }
  assertEquals(
    (await assertRejects(() => scheduler.replace("nope", daily("z")), AppError)).code,
    "SCHEDULE_NOT_FOUND",
  );
  scheduler.delete(other.id);
  assertEquals(scheduler.list().map((s) => s.name), ["a"]);
});

Deno.test("scheduler - a job names VMs the host has; a replace may keep one since deleted", async () => {
  const names: Record<string, string> = { ...NAMES };
  const { scheduler } = setup("2026-01-10T08:00:00Z", { names });
  const MISSING = "6b5a6f1e-0000-4000-8000-00000000ffff";
  const err = await assertRejects(
    () => scheduler.create(daily("ghost", { vmIds: [A, MISSING] })),
    AppError,
  );
  assertEquals([err.status, err.code, err.message, err.details], [
    400,
    "INVALID_VMS",
    `vmIds: no VM with UUID ${MISSING} on this host: pick VMs from its list`,
    { vmIds: [MISSING] },
  ]);
  assertEquals(scheduler.list(), [], "nothing stored");

  const job = await scheduler.create(daily("pair", { vmIds: [A, B] }));
  delete names[B]; // B is deleted from the host
  const kept = await scheduler.replace(job.id, daily("pair", { vmIds: [A, B], enabled: false }));
  assertEquals([kept.vmIds, kept.enabled], [[A, B], false]);
  const added = await assertRejects(
    () => scheduler.replace(job.id, daily("pair", { vmIds: [A, B, MISSING] })),
    AppError,
  );
  assertEquals([added.code, added.details], ["INVALID_VMS", { vmIds: [MISSING] }]);
  assertEquals(scheduler.get(job.id).vmIds, [A, B]);
});

Deno.test("scheduler - with libvirtd down a job's VMs are not called unknown: the 503 stands", async () => {
  const down = new AppError("LIBVIRT_UNAVAILABLE", "libvirtd is not running");
  const scheduler = new Scheduler({
    store: Store.open(":memory:"),
    clock: new FakeClock(Date.parse("2026-01-10T08:00:00Z")),
    emit: () => {},
    vmName: () => Promise.reject(down),
    run: () => Promise.resolve(),
  });
  const err = await assertRejects(() => scheduler.create(daily("down")), AppError);
  assertEquals([err.status, err.code], [503, "LIBVIRT_UNAVAILABLE"]);
  assertEquals(scheduler.list(), [], "nothing stored");
});

Deno.test("scheduler - an every-second cron job is refused; once a minute is the shortest", async () => {
  const { scheduler } = setup("2026-01-10T08:00:00Z");
  for (const expression of ["* * * * * *", "*/5 * * * * *"]) {
    const err = await assertRejects(
      () => scheduler.create(daily("fast", { timing: { kind: "cron", expression } })),
      AppError,
    );
    assertEquals([err.status, err.code], [400, "INVALID_CRON"]);
    assert(err.message.includes("runs more than once a minute"), err.message);
  }
  const minutely = await scheduler.create(
    daily("minutely", { timing: { kind: "cron", expression: "* * * * *" } }),
  );
  assertEquals(minutely.nextRunAt, "2026-01-10T08:01:00.000Z");
});
