// The task log through the API on libvirt's test driver: operations become tasks with who,
// what, how long and how they ended; refusals keep the API's words; scoped operators see only
// their VMs' tasks; cancel rules; scheduled runs, batches and backups as tasks.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { Clock } from "../../lib/scheduler/scheduler.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { Task, TaskQemuLog } from "../../shared/tasks.ts";
import type { Backup } from "../../shared/backups.ts";
import type { Schedule } from "../../shared/scheduler.ts";
import { DEFAULT_DOMAINS, type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const DB = "6b5a6f1e-0000-4000-8000-000000000002";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

const list = async (req: TestApp["req"], query = "") =>
  await json<Task[]>(await req("GET", `/api/tasks${query}`), 200);

const as = (app: TestApp["app"], token: string, method: string, path: string) =>
  app.request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });

Deno.test("tasks API - a VM started through the API is a succeeded task: who, which VM, how long", async () => {
  await withTestApp(async ({ req, events }) => {
    await json(await req("POST", "/api/vms/db/start"), 200);
    const [task] = await list(req);
    assertEquals(
      [task.action, task.title, task.user, task.target, task.hostId, task.status, task.code],
      ["vm.start", "Start", "root", { kind: "vm", id: DB, name: "db" }, "local", "succeeded", null],
    );
    assert(task.endedAt !== null && task.endedAt >= task.startedAt, "a duration");
    assertEquals(task.cancellable, false);
    assertEquals(await json<Task>(await req("GET", `/api/tasks/${task.id}`), 200), task);
    // Announced as it started and as it ended.
    const announced = events.flatMap((e) =>
      e.type === "task-changed" && e.task.id === task.id ? [e.task.status] : []
    );
    assertEquals(announced, ["running", "succeeded"]);
    // Reads are no tasks.
    await json(await req("GET", "/api/vms"), 200);
    assertEquals((await list(req)).length, 1);
  });
});

Deno.test("tasks API - a refused action is a failed task in the API's words and code", async () => {
  await withTestApp(async ({ req }) => {
    const refusal = await json<ApiError>(await req("POST", `/api/vms/${WEB}/start`), 409);
    const [task] = await list(req);
    assertEquals(
      [task.title, task.target?.name, task.status, task.code, task.message],
      ["Start", "web", "failed", refusal.code, refusal.message],
    );
    assertEquals((await list(req, "?status=failed")).map((t) => t.id), [task.id]);
    assertEquals(await list(req, "?status=succeeded"), []);
  });
});

Deno.test("tasks API - an operator token granted one VM sees its VM's tasks, not other VMs' nor all its owner's", async () => {
  await withTestApp(async ({ req, app, ctx, tokenFor }) => {
    // Every test token belongs to root: alice's tasks are someone else's.
    const alice = (vm: string, name: string) => {
      const task = ctx.tasks.start({
        action: "vm.reboot",
        user: "alice",
        hostId: "local",
        target: { kind: "vm", id: vm, name },
        vmIds: [vm],
      });
      task.succeed();
      return task.id;
    };
    const aliceDb = alice(DB, "db");
    const aliceWeb = alice(WEB, "web");
    await json(await req("POST", "/api/vms/db/start"), 200);
    const all = await list(req);
    assertEquals(all.map((t) => [t.user, t.target?.name]), [
      ["root", "db"],
      ["alice", "web"],
      ["alice", "db"],
    ]);
    // A token is not its owner: root's token granted WEB does not see root's task on db.
    const operator = tokenFor("operator", [WEB]);
    const seen = await json<Task[]>(await as(app, operator, "GET", "/api/tasks"), 200);
    assertEquals(seen.map((t) => [t.user, t.target?.name]), [["alice", "web"]]);
    await json(await as(app, operator, "GET", `/api/tasks/${all[0].id}`), 404);
    await json(await as(app, operator, "GET", `/api/tasks/${aliceDb}`), 404);
    await json(await as(app, operator, "GET", `/api/tasks/${aliceWeb}`), 200);
    // Viewers with every VM read the whole log.
    const viewer = tokenFor("viewer");
    assertEquals((await json<Task[]>(await as(app, viewer, "GET", "/api/tasks"), 200)).length, 3);
    // By target, by name or UUID; paged by `before`.
    assertEquals((await list(req, "?target=db")).length, 2);
    assertEquals((await list(req, `?target=${WEB}`)).map((t) => t.id), [aliceWeb]);
    assertEquals((await list(req, `?limit=1`)).map((t) => t.id), [all[0].id]);
    assertEquals((await list(req, `?before=${all[0].id}&limit=1`)).map((t) => t.id), [aliceWeb]);
  });
});

Deno.test("tasks API - a bad filter is refused in words that say what to send", async () => {
  await withTestApp(async ({ req }) => {
    const long = `?target=${"x".repeat(513)}`;
    for (const query of ["?status=done", "?limit=0", "?limit=201", "?before=x", "?user=a", long]) {
      const body = await json<ApiError>(await req("GET", `/api/tasks${query}`), 400);
      assertEquals(body.code, "INVALID_FILTER", query);
    }
    // The host switcher's ?host= changes nothing: the log is the whole server's.
    assertEquals(await list(req, "?host=local"), []);
    await json(await req("GET", "/api/tasks/abc"), 404);
  });
});

Deno.test("tasks API - cancel: an admin, or the task's account with a role and grant that may, while it can be stopped", async () => {
  await withTestApp(async ({ req, app, ctx, tokenFor }) => {
    const stoppable = ctx.tasks.start({
      action: "backup.create",
      user: "alice",
      hostId: "local",
      cancel: () => stoppable.cancelled("Cancelled"),
    });
    // Every test token belongs to root: an operator's is not alice.
    const operator = tokenFor("operator");
    const forbidden = await as(app, operator, "POST", `/api/tasks/${stoppable.id}/cancel`);
    assertEquals((await json<ApiError>(forbidden, 403)).code, "FORBIDDEN");
    const viewer = tokenFor("viewer");
    await json(await as(app, viewer, "POST", `/api/tasks/${stoppable.id}/cancel`), 403);
    const cancelled = await json<Task>(await req("POST", `/api/tasks/${stoppable.id}/cancel`), 200);
    assertEquals([cancelled.status, cancelled.cancellable], ["cancelled", false]);
    const again = await json<ApiError>(await req("POST", `/api/tasks/${stoppable.id}/cancel`), 409);
    assertEquals(again.code, "TASK_NOT_CANCELLABLE");

    await json(await req("POST", "/api/vms/db/start"), 200);
    const [start] = await list(req);
    const done = await json<ApiError>(await req("POST", `/api/tasks/${start.id}/cancel`), 409);
    assertEquals(done.code, "TASK_NOT_CANCELLABLE");
    await json(await req("POST", "/api/tasks/999999/cancel"), 404);
    // The task's own account may, through a credential that may change things and covers
    // its VMs: root's operator token for every VM, not root's viewer token, and not a token
    // granted WEB for a task on db (it does not even see it).
    const mine = (vm: string) => {
      const task = ctx.tasks.start({ action: "vm.migrate", user: "root", hostId: "local" });
      task.update({ target: { kind: "vm", id: vm, name: vm }, vmIds: [vm] });
      task.cancellable(() => task.cancelled());
      return task.id;
    };
    const onDb = mine(DB);
    const byViewer = await as(app, viewer, "POST", `/api/tasks/${onDb}/cancel`);
    assertEquals((await json<ApiError>(byViewer, 403)).code, "FORBIDDEN");
    const webOnly = tokenFor("operator", [WEB]);
    await json(await as(app, webOnly, "POST", `/api/tasks/${onDb}/cancel`), 404);
    const own = await as(app, operator, "POST", `/api/tasks/${onDb}/cancel`);
    assertEquals((await json<Task>(own, 200)).status, "cancelled");
    const onWeb = await as(app, webOnly, "POST", `/api/tasks/${mine(WEB)}/cancel`);
    assertEquals((await json<Task>(onWeb, 200)).status, "cancelled");
    // Cancelling is no task of its own.
    assertEquals((await list(req)).some((t) => t.action.startsWith("task.")), false);
  });
});

Deno.test("tasks API - a created VM is the task's target, named by the answer; its steps move it", async () => {
  await withTestApp(async ({ req, events }) => {
    const made = await json<{ id: string; name: string }>(
      await req("POST", "/api/vms", {
        name: "deb",
        cpuCount: 1,
        memoryMb: 512,
        diskSizeGb: 5,
        osType: "linux",
        network: "default",
        diskFormat: "qcow2",
        bootMenu: false,
      }),
      201,
    );
    const [task] = await list(req);
    assertEquals([task.title, task.target, task.status, task.progress], [
      "Create VM",
      { kind: "vm", id: made.id, name: "deb" },
      "succeeded",
      1,
    ]);
    // Announced: started, then ended (steps closer than the throttle wait for the end).
    const seen = events.flatMap((e) => e.type === "task-changed" ? [e.task.status] : []);
    assertEquals([seen[0], seen.at(-1)], ["running", "succeeded"]);
  });
});

Deno.test("tasks API - a batch is one task named after its action and VMs, failed where a VM failed", async () => {
  await withTestApp(async ({ req }) => {
    await json(await req("POST", "/api/vms/batch", { action: "start", ids: [WEB, DB] }), 200);
    const [task] = await list(req);
    assertEquals([task.action, task.title, task.target?.kind, task.target?.name, task.progress], [
      "vm.batch",
      "Start",
      "vms",
      "web, db",
      1,
    ]);
    assertEquals([task.status, task.code], ["failed", "INVALID_STATE"]);
    assert(task.message?.startsWith("1 of 2 VMs failed: web: "), task.message ?? "");
  });
});

Deno.test("tasks API - a backup's task follows the backup to its end, with its progress", async () => {
  await withTestApp(async ({ req, ctx, events }) => {
    await json(await req("PUT", "/api/backups/settings", { pool: "default" }), 200);
    const started = await json<Backup>(await req("POST", "/api/vms/db/backups", {}), 202);
    await ctx.backups.waitFor(started.id);
    // As the event stream told it: running, and cancellable once the backup took it over,
    // however quick the copy.
    const told = events.flatMap((e) =>
      e.type === "task-changed" && e.task.action === "backup.create" ? [e.task] : []
    );
    const running = told.find((task) => task.status === "running" && task.cancellable) ??
      told[0];
    assertEquals([running.action, running.title, running.target?.name, running.cancellable], [
      "backup.create",
      "Back up",
      "db",
      true,
    ]);
    const ended = await json<Task>(await req("GET", `/api/tasks/${running.id}`), 200);
    assertEquals([ended.status, ended.progress, ended.cancellable], ["succeeded", 1, false]);
  });
});

Deno.test("tasks API - a scheduled run is the scheduler's task; Run now is its user's", async () => {
  const clock: { t: number } & Clock = {
    t: Date.parse("2026-01-10T08:00:00Z"),
    now: () => clock.t,
    setTimeout: () => 0,
    clearTimeout: () => {},
  };
  await withTestApp(
    async ({ req, ctx }) => {
      const job = await json<Schedule>(
        await req("POST", "/api/schedules", {
          name: "morning-start",
          operation: "start",
          vmIds: [DB],
          timing: { kind: "daily", time: "09:00" },
          timezone: "UTC",
        }),
        201,
      );
      clock.t = Date.parse("2026-01-10T09:00:00Z");
      await ctx.scheduler.tick();
      const [run] = await list(req, "?target=morning-start");
      assertEquals([run.user, run.title, run.target, run.status, run.progress], [
        "scheduler",
        "Scheduled start",
        { kind: "schedule", id: job.id, name: "morning-start" },
        "succeeded",
        1,
      ]);
      // Run now: the request's task ends with the run (here failing: db is running now).
      await json(await req("POST", `/api/schedules/${job.id}/run`), 202);
      await ctx.scheduler.idle();
      const [manual] = await list(req, "?target=morning-start");
      assertEquals([manual.user, manual.title, manual.status, manual.code], [
        "root",
        "Run schedule now",
        "failed",
        "INVALID_STATE",
      ]);
    },
    DEFAULT_DOMAINS,
    { clock },
  );
});

Deno.test("tasks API - a schedule's timer, armed by the request that saved it, runs as the scheduler's task", async () => {
  // Real timers (cut short): they keep the task they were set under, as Deno's do.
  let now = Date.parse("2026-01-10T08:59:59.900Z");
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => setTimeout(fn, Math.min(ms, 20)),
    clearTimeout: (timer) => clearTimeout(timer as number),
  };
  await withTestApp(
    async ({ req, ctx }) => {
      ctx.scheduler.start();
      try {
        // The request saving the schedule re-arms the timer inside its "Create schedule" task.
        await json(
          await req("POST", "/api/schedules", {
            name: "morning-start",
            operation: "start",
            vmIds: [DB],
            timing: { kind: "daily", time: "09:00" },
            timezone: "UTC",
          }),
          201,
        );
        const [created] = await list(req);
        assertEquals([created.title, created.status], ["Create schedule", "succeeded"]);
        now = Date.parse("2026-01-10T09:00:00.100Z");
        let tasks: Task[] = [];
        for (let i = 0; i < 100 && tasks.length < 2; i++) {
          await new Promise((r) => setTimeout(r, 20));
          await ctx.scheduler.idle();
          tasks = await list(req);
        }
        assertEquals(tasks.map((t) => [t.title, t.user, t.status]), [
          ["Scheduled start", "scheduler", "succeeded"],
          ["Create schedule", "root", "succeeded"],
        ]);
        assertEquals(tasks[1], created, "the request's task is left as it ended");
      } finally {
        await ctx.scheduler.close();
      }
    },
    DEFAULT_DOMAINS,
    { clock },
  );
});

Deno.test("tasks API - a task's QEMU log: admins only; why there are no lines off the local system host", async () => {
  await withTestApp(async ({ req, app, ctx, tokenFor }) => {
    const onVm = ctx.tasks.start({
      action: "vm.start",
      user: "root",
      hostId: "local",
      target: { kind: "vm", id: WEB, name: "web" },
      vmIds: [WEB],
    });
    onVm.fail({ code: "OPERATION_FAILED", message: "no" });
    const other = ctx.tasks.start({ action: "pool.create", user: "root", hostId: "local" });
    other.succeed();
    const path = (id: number) => `/api/tasks/${id}/qemu-log`;
    // The test driver keeps no QEMU logs: a note says so, no lines.
    const log = await json<TaskQemuLog>(await req("GET", path(onVm.id)), 200);
    assertEquals([log.vm, log.lines, log.tail], ["web", [], false]);
    assertEquals(log.note, "QEMU logs are shown for VMs on this server's own host only.");
    const none = await json<TaskQemuLog>(await req("GET", path(other.id)), 200);
    assertEquals([none.vm, none.note], [null, "This task concerns no single VM."]);
    // The log holds the VM's command line and the host's paths: not for operators or viewers.
    for (const role of ["viewer", "operator"] as const) {
      await json(await as(app, tokenFor(role), "GET", path(onVm.id)), 403);
    }
    await json(await req("GET", path(999_999)), 404);
  });
});
