import { assertEquals } from "../../tests/support/assert.ts";
import type { Task } from "../../shared/tasks.ts";
import { LONG_MS, startToastDelay } from "./task_toasts.ts";

const running = (startedAt: number): Task => ({
  id: 1,
  action: "vm.clone",
  title: "Clone VM",
  user: "alice",
  target: null,
  hostId: "local",
  startedAt,
  endedAt: null,
  progress: null,
  status: "running",
  message: null,
  code: null,
  cancellable: false,
});

Deno.test("task toasts - a start heard live is told at LONG_MS of the task's age", () => {
  assertEquals(startToastDelay(running(1000), false, 1000), LONG_MS);
  assertEquals(startToastDelay(running(1000), false, 1500), LONG_MS - 500);
  assertEquals(startToastDelay(running(1000), false, 1000 + LONG_MS + 1), 0);
});

Deno.test("task toasts - a running task found in the list is told only when it started as the page loaded", () => {
  // The page's event stream connected after the task began (or a button led here).
  assertEquals(startToastDelay(running(1000), true, 1300), LONG_MS - 300);
  // Started long before: told by the page that started it, or started elsewhere.
  assertEquals(startToastDelay(running(1000), true, 1000 + LONG_MS), null);
  assertEquals(startToastDelay(running(1000), true, 1000 + LONG_MS, 1000 + LONG_MS), null);
});

Deno.test("task toasts - a page served as the task began tells it however slowly the browser read the list", () => {
  // Served 500 ms into the task, the list read 5 s later (a busy machine): told at once.
  assertEquals(startToastDelay(running(1000), true, 6000, 1500), 0);
  // Served 300 ms into it and read at once: told at LONG_MS of its age.
  assertEquals(startToastDelay(running(1000), true, 1300, 1300), LONG_MS - 300);
  // Served when it had run LONG_MS already: the page before told it.
  assertEquals(startToastDelay(running(1000), true, 1100 + LONG_MS, 1000 + LONG_MS), null);
});

Deno.test("task toasts - a browser clock behind the server's never delays the toast past LONG_MS", () => {
  assertEquals(startToastDelay(running(60_000), false, 0), LONG_MS);
  assertEquals(startToastDelay(running(60_000), true, 0), LONG_MS);
});
