// The task log on its own store: start, progress (throttled), end, keeping the newest N, ending
// what a previous process left running, a store that refuses writes, who sees and who may
// cancel which task.

import { AppError } from "../errors.ts";
import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { holdWriteLock } from "../../tests/support/store_lock.ts";
import { Store } from "../store.ts";
import type { Identity } from "../../shared/auth.ts";
import type { Task } from "../../shared/tasks.ts";
import { INTERRUPTED, PUBLISH_EVERY_MS, TaskLog } from "./log.ts";
import { TASK_TABLES } from "./schema.ts";

const SCHEMA = { migrations: [TASK_TABLES], quickCheck: false };
const openTaskStore = () => Store.open(":memory:", SCHEMA);

const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const DB = "6b5a6f1e-0000-4000-8000-000000000002";
const vmTarget = (id: string, name: string) => ({ kind: "vm" as const, id, name });

const admin: Identity = { user: "root", role: "admin", vms: "*", via: "session" };
const operator = (vms: "*" | string[], user = "olga"): Identity => ({
  user,
  role: "operator",
  vms,
  via: "session",
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("task log - a task starts running, reports progress and ends with its words", () => {
  using store = openTaskStore();
  let clock = 1_000;
  const log = new TaskLog(store, { now: () => clock });
  const seen: Task[] = [];
  log.subscribe((t) => seen.push(t));
  const task = log.start({
    action: "vm.start",
    user: "alice",
    target: vmTarget(WEB, "web"),
    hostId: "local",
    vmIds: [WEB],
  });
  assertEquals(log.get(task.id), {
    id: task.id,
    action: "vm.start",
    title: "Start",
    user: "alice",
    target: vmTarget(WEB, "web"),
    hostId: "local",
    startedAt: 1_000,
    endedAt: null,
    progress: null,
    status: "running",
    message: null,
    code: null,
    cancellable: false,
  });
  task.progress(0.25);
  clock = 1_750;
  task.succeed("Started");
  const done = log.get(task.id);
  assertEquals(
    [done.status, done.endedAt, done.progress, done.message, done.code],
    ["succeeded", 1_750, 1, "Started", null],
  );
  // The progress right after the start waited its turn; the end went out at once instead.
  assertEquals(seen.map((t) => [t.status, t.progress]), [
    ["running", null],
    ["succeeded", 1],
  ]);
  // Ending again changes nothing: the first end wins.
  task.fail(new AppError("INVALID_STATE", "too late"));
  assertEquals(log.get(task.id).status, "succeeded");
  // Kept in the store: a new log over it reads the same task.
  assertEquals(new TaskLog(store).get(task.id), done);
});

Deno.test("task log - a failure keeps the error's code and words", () => {
  using store = openTaskStore();
  const log = new TaskLog(store);
  const task = log.start({ action: "vm.start", user: "alice", hostId: "local" });
  task.fail(new AppError("INVALID_STATE", "Domain is already running"));
  const failed = log.get(task.id);
  assertEquals([failed.status, failed.code, failed.message], [
    "failed",
    "INVALID_STATE",
    "Domain is already running",
  ]);
  const plain = log.start({ action: "vm.stop", user: "alice", hostId: "local" });
  plain.fail(new Error("boom"));
  assertEquals([log.get(plain.id).code, log.get(plain.id).message], ["INTERNAL_ERROR", "boom"]);
});

Deno.test("task log - progress is announced at most about twice a second per task", async () => {
  using store = openTaskStore();
  const log = new TaskLog(store);
  const progress: (number | null)[] = [];
  log.subscribe((t) => progress.push(t.progress));
  const task = log.start({ action: "volume.upload", user: "alice", hostId: "local" });
  for (let i = 1; i <= 20; i++) task.progress(i / 20);
  // The start counts as an announcement: the steps wait for one trailing announcement.
  assertEquals(progress, [null]);
  await wait(PUBLISH_EVERY_MS + 100);
  assertEquals(progress, [null, 1]);
  // Once a quiet while has passed, a step goes out at once.
  await wait(PUBLISH_EVERY_MS + 50);
  task.progress(0.5);
  task.progress(0.75);
  assertEquals(progress, [null, 1, 0.5]);
  task.succeed();
  assertEquals(progress, [null, 1, 0.5, 1]);
  // The list always shows the latest figure, announced or not.
  const other = log.start({ action: "volume.upload", user: "alice", hostId: "local" });
  other.progress(0.1);
  other.progress(0.6);
  assertEquals(log.get(other.id).progress, 0.6);
  other.succeed();
});

Deno.test("task log - keeps the newest tasks that ended, and every running one", () => {
  using store = openTaskStore();
  const log = new TaskLog(store, { keep: 3 });
  const running = log.start({ action: "backup.create", user: "alice", hostId: "local" });
  const ids: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = log.start({ action: "vm.start", user: "alice", hostId: "local" });
    t.succeed();
    ids.push(t.id);
  }
  assertEquals(log.list({ limit: 200 }).map((t) => t.id), [...ids.slice(3).reverse(), running.id]);
  const count = store.db.prepare("SELECT count(*) AS n FROM tasks").get()?.n;
  assertEquals(count, 4);
});

Deno.test("task log - tasks left running by a stopped process end as interrupted", () => {
  using store = openTaskStore();
  const before = new TaskLog(store);
  const task = before.start({ action: "vm.migrate", user: "alice", hostId: "local" });
  const after = new TaskLog(store, { now: () => task.snapshot().startedAt + 5 });
  const ended = after.get(task.id);
  assertEquals([ended.status, ended.code, ended.message, ended.cancellable], [
    "failed",
    "TASK_INTERRUPTED",
    INTERRUPTED,
    false,
  ]);
  assert(ended.endedAt !== null && ended.endedAt >= ended.startedAt);
  // New tasks go on from the stored ids.
  assertEquals(after.start({ action: "vm.start", user: "a", hostId: "local" }).id, task.id + 1);
});

Deno.test("task log - a closed store never fails an operation; tasks stay in memory", () => {
  const store = openTaskStore();
  const log = new TaskLog(store);
  store.close();
  const task = log.start({ action: "vm.start", user: "alice", hostId: "local" });
  task.progress(0.5);
  task.succeed();
  assertEquals(log.list().map((t) => [t.id, t.status]), [[task.id, "succeeded"]]);
  log.close();
});

Deno.test("task log - a store another process holds locked gets the tasks once it is free", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/tasks.db`;
  try {
    using store = Store.open(path, SCHEMA);
    const log = new TaskLog(store);
    const lock = await holdWriteLock(path);
    let task;
    try {
      task = log.start({ action: "vm.start", user: "alice", hostId: "local" });
      task.succeed();
      assertEquals(log.get(task.id).status, "succeeded");
      assertEquals(store.db.prepare("SELECT count(*) AS n FROM tasks").get()?.n, 0);
    } finally {
      await lock.release();
    }
    // The next change writes what was held.
    const next = log.start({ action: "vm.stop", user: "alice", hostId: "local" });
    const rows = store.db.prepare("SELECT id, status FROM tasks ORDER BY id").all();
    assertEquals(rows.map((r) => [r.id, r.status]), [[task.id, "succeeded"], [next.id, "running"]]);
    log.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("task log - lists newest first, filtered by status, target and before", () => {
  using store = openTaskStore();
  const log = new TaskLog(store);
  const a = log.start({
    action: "vm.start",
    user: "u",
    hostId: "local",
    target: vmTarget(WEB, "web"),
  });
  a.succeed();
  const b = log.start({
    action: "vm.stop",
    user: "u",
    hostId: "local",
    target: vmTarget(DB, "db"),
  });
  b.fail(new AppError("INVALID_STATE", "no"));
  const c = log.start({
    action: "vm.start",
    user: "u",
    hostId: "local",
    target: vmTarget(WEB, "web"),
  });
  const ids = (q: Parameters<TaskLog["list"]>[0]) => log.list(q).map((t) => t.id);
  assertEquals(ids({}), [c.id, b.id, a.id]);
  assertEquals(ids({ limit: 2 }), [c.id, b.id]);
  assertEquals(ids({ before: c.id }), [b.id, a.id]);
  assertEquals(ids({ status: "running" }), [c.id]);
  assertEquals(ids({ status: "failed" }), [b.id]);
  assertEquals(ids({ target: "web" }), [c.id, a.id]);
  assertEquals(ids({ target: DB }), [b.id]);
  c.succeed();
  assertEquals(ids({ status: "running" }), []);
});

Deno.test("task log - an operator granted some VMs sees only tasks about them, and their own", () => {
  using store = openTaskStore();
  const log = new TaskLog(store);
  const web = log.start({
    action: "vm.start",
    user: "root",
    hostId: "local",
    target: vmTarget(WEB, "web"),
    vmIds: [WEB],
  });
  const db = log.start({
    action: "vm.start",
    user: "root",
    hostId: "local",
    target: vmTarget(DB, "db"),
    vmIds: [DB],
  });
  const own = log.start({ action: "vm.batch", user: "olga", hostId: "local", vmIds: [WEB, DB] });
  const pool = log.start({
    action: "pool.refresh",
    user: "root",
    hostId: "local",
    target: { kind: "pool", id: "images", name: "images" },
  });
  const ids = (identity: Identity) => log.list({ identity }).map((t) => t.id);
  assertEquals(ids(admin), [pool.id, own.id, db.id, web.id]);
  assertEquals(ids(operator("*")), [pool.id, own.id, db.id, web.id]);
  assertEquals(ids(operator([WEB])), [pool.id, own.id, web.id]);
  assertEquals(ids(operator([WEB], "otto")), [pool.id, web.id]);
  // The event stream asks the same question of each task it is handed.
  assertEquals(
    [web, db, own, pool].map((t) => log.maySee(operator([WEB]), t.snapshot())),
    [true, false, true, true],
  );
  let refused: unknown;
  try {
    log.get(db.id, operator([WEB]));
  } catch (err) {
    refused = err;
  }
  assert(refused instanceof AppError && refused.code === "TASK_NOT_FOUND");
});

Deno.test("task log - cancel: its user or an admin, only while it can be stopped", async () => {
  using store = openTaskStore();
  const log = new TaskLog(store);
  let stops = 0;
  const task = log.start({
    action: "backup.create",
    user: "olga",
    hostId: "local",
    cancel: () => {
      stops++;
      task.cancelled("Cancelled by olga");
    },
  });
  assertEquals(log.get(task.id).cancellable, true);
  const code = async (p: Promise<unknown>) => {
    const err = await assertRejects(() => p, AppError);
    return (err as AppError).code;
  };
  assertEquals(await code(log.cancel(task.id, operator("*", "otto"))), "FORBIDDEN");
  assertEquals(stops, 0);
  const cancelled = await log.cancel(task.id, operator("*"));
  assertEquals([cancelled.status, cancelled.cancellable, stops], ["cancelled", false, 1]);
  assertEquals(await code(log.cancel(task.id, admin)), "TASK_NOT_CANCELLABLE");

  const plain = log.start({ action: "vm.start", user: "olga", hostId: "local" });
  assertEquals(await code(log.cancel(plain.id, admin)), "TASK_NOT_CANCELLABLE");
  assertEquals(await code(log.cancel(9999, admin)), "TASK_NOT_FOUND");
  // An admin may stop anyone's.
  const other = log.start({ action: "vm.migrate", user: "olga", hostId: "local" });
  other.cancellable(() => other.cancelled());
  assertEquals((await log.cancel(other.id, admin)).status, "cancelled");
});

Deno.test("task log - a token is not its owner: a limited token sees only its VMs' tasks", () => {
  using store = openTaskStore();
  const log = new TaskLog(store);
  const db = log.start({
    action: "vm.start",
    user: "olga",
    hostId: "local",
    target: vmTarget(DB, "db"),
    vmIds: [DB],
  });
  const web = log.start({
    action: "vm.start",
    user: "olga",
    hostId: "local",
    target: vmTarget(WEB, "web"),
    vmIds: [WEB],
  });
  const token: Identity = { ...operator([WEB]), via: "token", token: { id: "t1", name: "ci" } };
  assertEquals(log.list({ identity: token }).map((t) => t.id), [web.id]);
  assertEquals(log.maySee(token, db.snapshot()), false);
  // Olga's own session still sees what she started.
  assertEquals(log.list({ identity: operator([WEB]) }).map((t) => t.id), [web.id, db.id]);
});

Deno.test("task log - a VM task whose VMs are not known yet is hidden from a limited grant", () => {
  using store = openTaskStore();
  const log = new TaskLog(store);
  const create = log.start({ action: "vm.create", user: "root", hostId: "local" });
  const batch = log.start({ action: "vm.batch", user: "root", hostId: "local" });
  const run = log.start({
    action: "schedule.run",
    user: "root",
    hostId: "local",
    target: { kind: "schedule", id: "s1", name: "nightly" },
  });
  const pool = log.start({
    action: "pool.refresh",
    user: "root",
    hostId: "local",
    target: { kind: "pool", id: "images", name: "images" },
  });
  const all = [create, batch, run, pool].map((t) => t.snapshot());
  assertEquals(all.map((t) => log.maySee(operator([WEB]), t)), [false, false, false, true]);
  assertEquals(all.map((t) => log.maySee(operator("*"), t)), [true, true, true, true]);
  assertEquals(all.map((t) => log.maySee(admin, t)), [true, true, true, true]);
  // Once the VMs are known, the grant decides, from start to end alike.
  batch.update({ vmIds: [WEB] });
  create.update({ vmIds: [DB] });
  assertEquals(all.map((t) => log.maySee(operator([WEB]), t)), [false, true, false, true]);
});

Deno.test("task log - cancel: not a viewer, and a limited grant only when it covers the task's VMs", async () => {
  using store = openTaskStore();
  const log = new TaskLog(store);
  const stoppable = (vmIds?: string[]) => {
    const task = log.start({ action: "backup.create", user: "olga", hostId: "local", vmIds });
    task.cancellable(() => task.cancelled());
    return task.id;
  };
  const code = async (p: Promise<unknown>) => {
    const err = await assertRejects(() => p, AppError);
    return (err as AppError).code;
  };
  const viewer: Identity = { user: "olga", role: "viewer", vms: "*", via: "token" };
  const both = stoppable([WEB, DB]);
  assertEquals(await code(log.cancel(both, viewer)), "FORBIDDEN");
  assertEquals(await code(log.cancel(both, { ...viewer, via: "session" })), "FORBIDDEN");
  // Olga's session, limited to WEB since, sees the task (she started it) but may not stop DB's part.
  assertEquals(await code(log.cancel(both, operator([WEB]))), "FORBIDDEN");
  assertEquals((await log.cancel(both, operator([WEB, DB]))).status, "cancelled");
  const web = stoppable([WEB]);
  const limitedToken: Identity = { ...operator([WEB]), via: "token" };
  assertEquals((await log.cancel(web, limitedToken)).status, "cancelled");
  assertEquals(await code(log.cancel(stoppable([DB]), limitedToken)), "TASK_NOT_FOUND");
});
