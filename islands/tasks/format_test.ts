import { assertEquals } from "../../tests/support/assert.ts";
import type { Task } from "../../shared/tasks.ts";
import { durationText, resultLine, targetHref, upsertTask } from "./format.ts";

const task = (over: Partial<Task> = {}): Task => ({
  id: 1,
  action: "vm.start",
  title: "Start",
  user: "root",
  target: { kind: "vm", id: "u-1", name: "web1" },
  hostId: "local",
  startedAt: 0,
  endedAt: 100,
  progress: null,
  status: "succeeded",
  message: null,
  code: null,
  cancellable: false,
  ...over,
});

Deno.test("task format - a result line in a user's words", () => {
  assertEquals(resultLine(task()), "Started web1");
  assertEquals(resultLine(task({ title: "Create VM" })), "Created VM web1");
  assertEquals(resultLine(task({ title: "Shut down" })), "Shut down web1");
  assertEquals(resultLine(task({ title: "Scheduled backup" })), "Scheduled backup web1: done");
  assertEquals(
    resultLine(task({ status: "failed", message: "Requested operation is not valid" })),
    "Start web1 failed: Requested operation is not valid",
  );
  assertEquals(resultLine(task({ status: "cancelled", target: null })), "Start cancelled");
  assertEquals(
    resultLine(task({ status: "running", title: "Back up", progress: 0.426 })),
    "Back up web1: running (43 %)…",
  );
});

Deno.test("task format - durations", () => {
  assertEquals(durationText(40), "< 0.1 s");
  assertEquals(durationText(1234), "1.2 s");
  assertEquals(durationText(42_000), "42 s");
  assertEquals(durationText(185_000), "3 min 5 s");
  assertEquals(durationText(7_800_000), "2 h 10 min");
});

Deno.test("task format - a target links to its page, on its host", () => {
  assertEquals(targetHref({ kind: "vm", id: "u 1", name: "x" }, "local"), "/vms/u%201");
  assertEquals(
    targetHref({ kind: "pool", id: "default", name: "default" }, "b"),
    "/storage/default?host=b",
  );
  assertEquals(
    targetHref({ kind: "volume", id: "default/a.qcow2", name: "a" }, "local"),
    "/storage/default",
  );
  assertEquals(targetHref({ kind: "network", id: "lan", name: "lan" }, "local"), "/networks/lan");
  assertEquals(targetHref({ kind: "backup", id: "7", name: "web" }, "local"), "/backups");
  assertEquals(targetHref(null, "local"), null);
});

Deno.test("task format - upsert keeps newest first and replaces a task's older state", () => {
  const list = [task({ id: 5 }), task({ id: 3 })];
  assertEquals(upsertTask(list, task({ id: 4 })).map((t) => t.id), [5, 4, 3]);
  assertEquals(upsertTask(list, task({ id: 6 }), 2).map((t) => t.id), [6, 5]);
  const ended = upsertTask(list, task({ id: 3, status: "failed" }));
  assertEquals(ended.map((t) => [t.id, t.status]), [[5, "succeeded"], [3, "failed"]]);
});
