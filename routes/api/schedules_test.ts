// The schedules API on libvirt's test driver with an injected clock: every route and error
// code, "Run now" and a due slot that really start and stop a VM, and a deleted VM's error.

import type { AppContext } from "../../lib/context.ts";
import type { Clock } from "../../lib/scheduler/scheduler.ts";
import type { Schedule, ScheduleRun } from "../../shared/scheduler.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { Vm } from "../../shared/vms.ts";
import { DEFAULT_DOMAINS, withTestApp } from "../../tests/harness/test_app.ts";

// tests/support/test_node.ts numbers the default domains web (running), db (shut off), cache.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const DB = "6b5a6f1e-0000-4000-8000-000000000002";
const MISSING = "6b5a6f1e-0000-4000-8000-00000000ffff";

interface T {
  ctx: AppContext;
  clock: { t: number } & Clock;
  events: AppEvent[];
  req(method: string, path: string, body?: unknown): Promise<Response>;
}

/** The app on a fresh test-driver node, its scheduler on a clock the test sets (not started). */
async function withApp(fn: (t: T) => Promise<void>) {
  const clock = {
    t: Date.parse("2026-01-10T08:00:00Z"),
    now: () => clock.t,
    setTimeout: () => 0,
    clearTimeout: () => {},
  };
  await withTestApp(({ ctx, events, req }) => fn({ ctx, clock, events, req }), DEFAULT_DOMAINS, {
    clock,
  });
}

async function json<R>(res: Response, status: number): Promise<R> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as R;
}

const job = (extra: Record<string, unknown> = {}) => ({
  name: "kvmm-test-sched-web",
  operation: "start",
  vmIds: [DB],
  timing: { kind: "daily", time: "09:00" },
  timezone: "UTC",
  ...extra,
});

Deno.test("schedules API - create, list, get, replace, preview, delete", async () => {
  await withApp(async ({ req }) => {
    const made = await json<Schedule>(await req("POST", "/api/schedules", job()), 201);
    assertEquals(
      [made.name, made.operation, made.vmIds, made.vmNames, made.missed, made.enabled],
      ["kvmm-test-sched-web", "start", [DB], { [DB]: "db" }, "run-once", true],
    );
    assertEquals([made.nextRunAt, made.lastRun, made.options], [
      "2026-01-10T09:00:00.000Z",
      null,
      {},
    ]);
    assertEquals(made.createdAt, "2026-01-10T08:00:00.000Z");

    const list = await json<{ schedules: Schedule[] }>(await req("GET", "/api/schedules"), 200);
    assertEquals(list.schedules.map((s) => s.id), [made.id]);
    assertEquals(await json(await req("GET", `/api/schedules/${made.id}`), 200), made);

    const replaced = await json<Schedule>(
      await req(
        "PUT",
        `/api/schedules/${made.id}`,
        job({
          name: "kvmm-test-sched-weekly",
          operation: "backup",
          vmIds: [WEB, DB],
          timing: { kind: "weekly", days: [1], time: "03:00" },
          timezone: "Europe/Berlin",
          missed: "skip",
          options: { mode: "full", keep: 3 },
        }),
      ),
      200,
    );
    // 2026-01-12 is a Monday; 03:00 CET is 02:00Z.
    assertEquals([replaced.nextRunAt, replaced.options, replaced.missed, replaced.timezone], [
      "2026-01-12T02:00:00.000Z",
      { mode: "full", keep: 3 },
      "skip",
      "Europe/Berlin",
    ]);
    assertEquals(replaced.vmNames, { [WEB]: "web", [DB]: "db" });

    const preview = await json<{ next: string[]; timezone: string }>(
      await req("POST", "/api/schedules/preview", {
        timing: { kind: "monthly", day: 31, time: "09:00" },
        timezone: "UTC",
      }),
      200,
    );
    assertEquals(preview, {
      next: [
        "2026-01-31T09:00:00.000Z",
        "2026-02-28T09:00:00.000Z",
        "2026-03-31T09:00:00.000Z",
        "2026-04-30T09:00:00.000Z",
        "2026-05-31T09:00:00.000Z",
      ],
      timezone: "UTC",
    });

    const gone = await req("DELETE", `/api/schedules/${made.id}`);
    assertEquals(gone.status, 204);
    assertEquals(
      (await json<{ schedules: Schedule[] }>(await req("GET", "/api/schedules"), 200)).schedules,
      [],
    );
  });
});

Deno.test("schedules API - every error code, with words a user can act on", async () => {
  await withApp(async ({ req }) => {
    const made = await json<Schedule>(await req("POST", "/api/schedules", job()), 201);
    const error = async (method: string, path: string, body: unknown, status: number) =>
      await json<ApiError>(await req(method, path, body), status);
    const post = (body: unknown) => error("POST", "/api/schedules", body, 400);

    for (const name of ["", "-x", ".x", "../x", "a/b", "</name>", "bell\x07"]) {
      assertEquals(await post(job({ name })), {
        code: "INVALID_NAME",
        message: "name is required: 1-64 characters, not starting with '-' or '.', without " +
          "'/', '<', '>', invisible or control characters, nor a space at either end",
      });
    }
    assertEquals(await post(job({ vmIds: [DB, MISSING] })), {
      code: "INVALID_VMS",
      message: `vmIds: no VM with UUID ${MISSING} on this host: pick VMs from its list`,
      vmIds: [MISSING],
    });
    assertEquals(
      await error("PUT", `/api/schedules/${made.id}`, job({ vmIds: [MISSING] }), 400),
      {
        code: "INVALID_VMS",
        message: `vmIds: no VM with UUID ${MISSING} on this host: pick VMs from its list`,
        vmIds: [MISSING],
      },
    );
    assertEquals(await post(job({ timing: { kind: "cron", expression: "* * * * * *" } })), {
      code: "INVALID_CRON",
      message: 'Cron expression "* * * * * *" runs more than once a minute: a job runs at most ' +
        'once a minute (use five fields, minute hour day month weekday, e.g. "*/5 * * * *")',
    });
    assertEquals((await post(job({ operation: "pause" }))).code, "INVALID_OPERATION");
    assertEquals(await post(job({ vmIds: ["web"] })), {
      code: "INVALID_VMS",
      message: 'vmIds: "web" is not a VM\'s UUID',
    });
    assertEquals(
      (await post(job({ timing: { kind: "weekly", days: [], time: "09:00" } }))).code,
      "INVALID_TIMING",
    );
    assertEquals(await post(job({ timezone: "Europe/Atlantis" })), {
      code: "INVALID_TIMEZONE",
      message: 'Unknown time zone "Europe/Atlantis": use an IANA name such as Europe/Berlin or UTC',
    });
    assertEquals(await post(job({ timing: { kind: "cron", expression: "0 25 * * *" } })), {
      code: "INVALID_CRON",
      message: 'Invalid cron expression "0 25 * * *": CronPattern: Invalid value for hour: 25',
    });
    assertEquals(
      (await post(job({ operation: "backup", options: { keep: 0 } }))).code,
      "INVALID_OPTIONS",
    );
    assertEquals((await post(job({ missed: "later" }))).code, "INVALID_POLICY");
    assertEquals(await post("{not json"), { code: "BAD_REQUEST", message: "Malformed JSON body" });
    assertEquals(await error("POST", "/api/schedules", job({ name: "KVMM-TEST-SCHED-WEB" }), 409), {
      code: "SCHEDULE_EXISTS",
      message: "A scheduled job named KVMM-TEST-SCHED-WEB already exists",
    });
    assertEquals(
      (await error(
        "POST",
        "/api/schedules/preview",
        { timing: { kind: "cron", expression: "x" } },
        400,
      )).code,
      "INVALID_CRON",
    );
    assertEquals(
      (await error("POST", "/api/schedules/preview", {
        timing: { kind: "daily", time: "09:00" },
        timezone: "Nowhere",
      }, 400)).code,
      "INVALID_TIMEZONE",
    );

    const notFound = {
      code: "SCHEDULE_NOT_FOUND",
      message: `Scheduled job not found: ${MISSING}`,
    };
    const path = `/api/schedules/${MISSING}`;
    assertEquals(await error("GET", path, undefined, 404), notFound);
    assertEquals(await error("PUT", path, job(), 404), notFound);
    assertEquals(await error("DELETE", path, undefined, 404), notFound);
    assertEquals(await error("POST", `${path}/run`, undefined, 404), notFound);
    assertEquals(await error("GET", `${path}/runs`, undefined, 404), notFound);
    assertEquals(await error("PUT", `/api/schedules/${made.id}`, job({ timezone: 3 }), 400), {
      code: "INVALID_TIMEZONE",
      message: "Unknown time zone 3: use an IANA name such as Europe/Berlin or UTC",
    });
    for (const limit of ["0", "201", "x"]) {
      assertEquals(await error("GET", `/api/schedules/runs?limit=${limit}`, undefined, 400), {
        code: "BAD_REQUEST",
        message: "limit must be a whole number from 1 to 200",
      });
    }
  });
});

Deno.test("schedules API - Run now and a due slot really start and stop a test-driver VM", async () => {
  await withApp(async ({ ctx, clock, events, req }) => {
    const vmState = async () => (await json<Vm>(await req("GET", `/api/vms/${DB}`), 200)).state;
    assertEquals(await vmState(), "stopped");
    const start = await json<Schedule>(await req("POST", "/api/schedules", job()), 201);
    const { runId } = await json<{ runId: number }>(
      await req("POST", `/api/schedules/${start.id}/run`),
      202,
    );
    await ctx.scheduler.idle();
    assertEquals(await vmState(), "running");
    const [run] = (await json<{ runs: ScheduleRun[] }>(
      await req("GET", `/api/schedules/${start.id}/runs`),
      200,
    )).runs;
    assertEquals([run.id, run.trigger, run.status, run.results], [runId, "manual", "succeeded", [
      { vmId: DB, vmName: "db", ok: true },
    ]]);
    assertEquals(
      events.filter((e) => e.type === "schedule-run"),
      [
        { type: "schedule-run", scheduleId: start.id, runId, status: "running" },
        { type: "schedule-run", scheduleId: start.id, runId, status: "succeeded" },
      ],
    );

    // Starting it again while it runs is that VM's error, in the action's own words.
    const again = await json<{ runId: number }>(
      await req("POST", `/api/schedules/${start.id}/run`),
      202,
    );
    await ctx.scheduler.idle();
    const refused = await json<Schedule>(await req("GET", `/api/schedules/${start.id}`), 200);
    assertEquals([refused.lastRun?.id, refused.lastRun?.status, refused.lastRun?.results], [
      again.runId,
      "failed",
      [{
        vmId: DB,
        vmName: "db",
        ok: false,
        error: { code: "INVALID_STATE", message: "VM is already running" },
      }],
    ]);
    await json(await req("PUT", `/api/schedules/${start.id}`, job({ enabled: false })), 200);

    // A shutdown job at 09:30; the clock reaches it and the scheduler's tick runs it.
    const stop = await json<Schedule>(
      await req(
        "POST",
        "/api/schedules",
        job({
          name: "kvmm-test-sched-stop",
          operation: "shutdown",
          timing: { kind: "daily", time: "09:30" },
        }),
      ),
      201,
    );
    clock.t = Date.parse("2026-01-10T09:30:00Z");
    await ctx.scheduler.tick();
    assertEquals(await vmState(), "stopped");
    const last = await json<Schedule>(await req("GET", `/api/schedules/${stop.id}`), 200);
    assertEquals([last.lastRun?.status, last.lastRun?.trigger, last.nextRunAt], [
      "succeeded",
      "schedule",
      "2026-01-11T09:30:00.000Z",
    ]);
    const all = (await json<{ runs: ScheduleRun[] }>(
      await req("GET", "/api/schedules/runs?limit=10"),
      200,
    )).runs;
    assertEquals(all.map((r) => [r.scheduleName, r.trigger, r.status]), [
      ["kvmm-test-sched-stop", "schedule", "succeeded"],
      ["kvmm-test-sched-web", "manual", "failed"],
      ["kvmm-test-sched-web", "manual", "succeeded"],
    ]);
  });
});

Deno.test("schedules API - a job whose VM was deleted records VM_NOT_FOUND and keeps its name", async () => {
  await withApp(async ({ ctx, clock, req }) => {
    const made = await json<Schedule>(await req("POST", "/api/schedules", job()), 201);
    await json(await req("DELETE", `/api/vms/${DB}`, { deleteDisks: false }), 200);
    clock.t = Date.parse("2026-01-10T09:00:00Z");
    await ctx.scheduler.tick();
    const after = await json<Schedule>(await req("GET", `/api/schedules/${made.id}`), 200);
    assertEquals(after.lastRun?.status, "failed");
    assertEquals(after.lastRun?.results, [{
      vmId: DB,
      vmName: "db",
      ok: false,
      error: { code: "VM_NOT_FOUND", message: `VM not found: ${DB}` },
    }]);
    assertEquals(after.nextRunAt, "2026-01-11T09:00:00.000Z", "the job goes on");
    // Still editable (e.g. to disable it) while it names the deleted VM.
    const disabled = await json<Schedule>(
      await req("PUT", `/api/schedules/${made.id}`, job({ enabled: false })),
      200,
    );
    assertEquals([disabled.vmIds, disabled.enabled], [[DB], false]);
  });
});

Deno.test("schedules API - a job kept by a profile: listed with its owner, not editable, runnable", async () => {
  await withApp(async ({ ctx, req }) => {
    await json(await req("PUT", "/api/backups/settings", { pool: "default" }), 200);
    const mine = await json<Schedule>(await req("POST", "/api/schedules", job()), 201);
    await ctx.scheduler.syncManaged([{
      owner: "profile:p1",
      name: "kvmm-test-sched-web",
      vmIds: [DB],
      timing: { kind: "daily", time: "02:00" },
      timezone: "UTC",
      options: { mode: "full", keep: 3 },
    }]);
    const list = (await json<{ schedules: Schedule[] }>(await req("GET", "/api/schedules"), 200))
      .schedules;
    assertEquals(list.map((s) => [s.name, s.managedBy, s.vmNames]), [
      ["kvmm-test-sched-web", null, { [DB]: "db" }],
      ["kvmm-test-sched-web (2)", "profile:p1", { [DB]: "db" }],
    ]);
    const kept = list[1];
    const refusal = {
      code: "MANAGED_BY_PROFILE",
      message: "This job is kept by a profile's backup policy: change the profile (or the VM's " +
        "local override) instead",
    };
    const path = `/api/schedules/${kept.id}`;
    assertEquals(await json(await req("PUT", path, job({ name: "x" })), 409), refusal);
    assertEquals(await json(await req("PUT", path, { enabled: false }), 409), refusal);
    assertEquals(await json(await req("DELETE", path), 409), refusal);
    assertEquals(await json(await req("GET", path), 200), kept);
    // The hand-made job is still the user's to change.
    assertEquals((await req("DELETE", `/api/schedules/${mine.id}`)).status, 204);

    // Run now backs the VM up with the job's keep, and the run is in the job's history.
    const { runId } = await json<{ runId: number }>(await req("POST", `${path}/run`), 202);
    await ctx.scheduler.idle();
    const [run] = (await json<{ runs: ScheduleRun[] }>(await req("GET", `${path}/runs`), 200))
      .runs;
    assertEquals([run.id, run.trigger, run.status], [runId, "manual", "succeeded"]);
    const backups = await json<{ keep: number; kind: string }[]>(
      await req("GET", "/api/backups?vm=db"),
      200,
    );
    assertEquals(backups.map((b) => [b.kind, b.keep]), [["full", 3]]);
  });
});
