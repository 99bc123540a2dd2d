// The tasks middleware on a tiny app with a stand-in guard: a change is a task ending with its
// answer, a refusal keeps the answer's words, work that takes the task over ends it later, a
// create is named by its answer, downloads are followed to their last byte (and can be
// cancelled), and what is no operation makes no task.

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { Store } from "../../lib/store.ts";
import { currentTask } from "../../lib/tasks/current.ts";
import type { TaskHandle } from "../../lib/tasks/handle.ts";
import { TaskLog } from "../../lib/tasks/log.ts";
import { TASK_TABLES } from "../../lib/tasks/schema.ts";
import type { Identity } from "../../shared/auth.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { DeclaredApp } from "../declare.ts";
import { RouteTable } from "../route_table.ts";
import { isOperation, taskRecorder } from "./tasks.ts";
import type {} from "./auth.ts";

const admin: Identity = { user: "ann", role: "admin", vms: "*", via: "session" };

interface Tiny {
  app: Hono;
  tasks: TaskLog;
  /** The handle a route took over, for the test to end. */
  followed: { task?: TaskHandle };
  /** How many download bodies were let go unread (the transfer behind them stopped). */
  downloads: { released: number };
}

function tinyApp(): Tiny {
  const store = Store.open(":memory:", { migrations: [TASK_TABLES], quickCheck: false });
  const tasks = new TaskLog(store);
  const followed: Tiny["followed"] = {};
  const downloads = { released: 0 };
  const routes = new DeclaredApp({ access: "admin", writesStore: false });
  routes.POST("/api/pools/:pool/:action", "Pool action", (c) => {
    if (c.req.param("pool") === "off") {
      throw new AppError("INVALID_STATE", "Pool off is not active");
    }
    return c.json({ ok: true });
  });
  routes.POST("/api/vms/:id/migrate", "Start a long job", (c) => {
    followed.task = currentTask()?.follow();
    return c.json({ started: true }, 202);
  });
  routes.POST("/api/templates", "Create", (c) => c.json({ id: "t-1", name: "small" }, 201));
  routes.POST("/api/tokens", "Not an operation", (c) => c.json({ id: "x" }, 201));
  routes.GET("/api/pools/:pool/volumes/:vol/content", "Download", () => {
    const chunks = [new Uint8Array(4), new Uint8Array(4), new Uint8Array(2)];
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
      cancel() {
        downloads.released++;
      },
    }, { highWaterMark: 0 });
    return new Response(body, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": "10",
        "content-disposition": 'attachment; filename="disk.img"',
      },
    });
  });
  routes.GET("/api/pools", "A read", (c) => c.json([]));
  const table = new RouteTable(routes.declared);
  const app = new Hono();
  app.use("*", async (c, next) => {
    if (c.req.header("x-anonymous") === undefined) c.set("identity", admin);
    await next();
  });
  app.use(
    "*",
    taskRecorder({
      tasks,
      routes: () => table,
      hostOf: () => ({ id: "local", ctx: {} as AppContext }),
    }),
  );
  app.route("/", routes);
  app.onError((err, c) => {
    const e = err as AppError;
    return c.json({ code: e.code, message: e.message }, e.status as 409);
  });
  return { app, tasks, followed, downloads };
}

const post = (app: Hono, path: string, headers: Record<string, string> = {}) =>
  app.request(`http://localhost${path}`, { method: "POST", headers });

Deno.test("tasks middleware - a change is a task that ends with its answer", async () => {
  const { app, tasks } = tinyApp();
  assertEquals((await post(app, "/api/pools/images/refresh")).status, 200);
  const [task] = tasks.list();
  assertEquals(
    [task.action, task.title, task.user, task.target, task.status, task.message],
    [
      "pool.refresh",
      "Refresh storage pool",
      "ann",
      { kind: "pool", id: "images", name: "images" },
      "succeeded",
      null,
    ],
  );
});

Deno.test("tasks middleware - a refusal ends the task failed in the answer's words", async () => {
  const { app, tasks } = tinyApp();
  assertEquals((await post(app, "/api/pools/off/start")).status, 409);
  const [task] = tasks.list();
  assertEquals([task.title, task.status, task.code, task.message], [
    "Start storage pool",
    "failed",
    "INVALID_STATE",
    "Pool off is not active",
  ]);
});

Deno.test("tasks middleware - work that takes the task over ends it, not the 202", async () => {
  const { app, tasks, followed } = tinyApp();
  assertEquals((await post(app, "/api/vms/web/migrate")).status, 202);
  assert(followed.task, "the handler saw its task");
  assertEquals(tasks.get(followed.task.id).status, "running");
  followed.task.succeed("Moved to rack-2");
  assertEquals([tasks.get(followed.task.id).status, tasks.get(followed.task.id).message], [
    "succeeded",
    "Moved to rack-2",
  ]);
});

Deno.test("tasks middleware - a create is named by its answer", async () => {
  const { app, tasks } = tinyApp();
  assertEquals((await post(app, "/api/templates")).status, 201);
  assertEquals(tasks.list()[0].target, { kind: "template", id: "t-1", name: "small" });
});

Deno.test("tasks middleware - reads, tokens and anonymous requests make no task", async () => {
  const { app, tasks } = tinyApp();
  await app.request("http://localhost/api/pools");
  await post(app, "/api/tokens");
  await post(app, "/api/pools/images/refresh", { "x-anonymous": "1" });
  assertEquals(tasks.list(), []);
  assertEquals(
    ["auth.login", "token.create", "user.assign", "task.cancel", "vm.console-ticket"].filter(
      isOperation,
    ),
    [],
  );
  assert(isOperation("vm.start") && isOperation("volume.upload"));
});

Deno.test("tasks middleware - a download is followed to its last byte", async () => {
  const { app, tasks } = tinyApp();
  const res = await app.request("http://localhost/api/pools/images/volumes/disk.img/content");
  assertEquals(res.headers.get("content-disposition"), 'attachment; filename="disk.img"');
  const [running] = tasks.list();
  assertEquals([running.action, running.title, running.status, running.cancellable], [
    "volume.download",
    "Download volume",
    "running",
    true,
  ]);
  assertEquals(running.target, { kind: "volume", id: "images/disk.img", name: "disk.img" });
  assertEquals((await res.arrayBuffer()).byteLength, 10);
  const [done] = tasks.list();
  assertEquals([done.status, done.progress, done.cancellable], ["succeeded", 1, false]);
});

Deno.test("tasks middleware - a cancelled download stops; a client gone fails it", async () => {
  const { app, tasks } = tinyApp();
  const res = await app.request("http://localhost/api/pools/images/volumes/disk.img/content");
  const reader = res.body!.getReader();
  assertEquals((await reader.read()).value?.byteLength, 4);
  const [task] = tasks.list();
  assertEquals((await tasks.cancel(task.id, admin)).status, "cancelled");
  let broke = false;
  await reader.read().catch(() => broke = true);
  assert(broke, "the client sees the download break off");

  const gone = await app.request("http://localhost/api/pools/images/volumes/disk.img/content");
  await gone.body!.cancel();
  const [left] = tasks.list();
  assertEquals([left.status, left.code], ["failed", "DOWNLOAD_INTERRUPTED"]);
});

Deno.test("tasks middleware - a HEAD on a download makes no task and lets the transfer go", async () => {
  const { app, tasks, downloads } = tinyApp();
  const path = "http://localhost/api/pools/p/volumes/v/content";
  const res = await app.request(path, { method: "HEAD" });
  assertEquals([res.status, res.body, res.headers.get("content-length")], [200, null, "10"]);
  assertEquals(tasks.list(), []);
  assertEquals(downloads.released, 1);
});
