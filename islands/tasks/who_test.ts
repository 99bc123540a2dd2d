import { assertEquals } from "../../tests/support/assert.ts";
import type { Task } from "../../shared/tasks.ts";
import { mayCancel } from "./who.ts";

const task = (over: Partial<Task> = {}): Task => ({
  id: 1,
  action: "volume.upload",
  title: "Upload volume",
  user: "alice",
  target: null,
  hostId: "local",
  startedAt: 0,
  endedAt: null,
  progress: 0.5,
  status: "running",
  message: null,
  code: null,
  cancellable: true,
  ...over,
});

Deno.test("task cancel - shown for one's own tasks and to admins, never to viewers", () => {
  assertEquals(mayCancel(task(), { user: "alice", role: "operator" }), true);
  assertEquals(mayCancel(task(), { user: "bob", role: "operator" }), false);
  assertEquals(mayCancel(task(), { user: "root", role: "admin" }), true);
  assertEquals(mayCancel(task(), { user: "alice", role: "viewer" }), false);
  assertEquals(mayCancel(task(), null), false);
  // Not for a task that cannot stop, or has ended, whoever asks.
  assertEquals(mayCancel(task({ cancellable: false }), { user: "root", role: "admin" }), false);
  assertEquals(mayCancel(task({ status: "failed" }), { user: "root", role: "admin" }), false);
});
