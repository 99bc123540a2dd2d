import { assertEquals } from "../../tests/support/assert.ts";
import { carriedToasts, type Toast, TOAST_MS, withToast } from "./toasts.tsx";

const messages = (list: Toast[]) => list.map((t) => `${t.kind}:${t.message}`);

Deno.test("toasts - an island's refusal and its task's failure make one toast, the longer", () => {
  const words = "Requested operation is not valid: domain is already running";
  const task = {
    kind: "error" as const,
    message: `Start web failed: ${words}`,
    key: "task-local-7",
  };
  // The island's words first, then the task's: the task's replaces them.
  let list = withToast([], { kind: "error", message: words }, 0, 1);
  list = withToast(list, task, 100, 2);
  assertEquals(messages(list), [`error:Start web failed: ${words}`]);
  // The task's first: the island's same words add nothing.
  list = withToast(list, { kind: "error", message: words }, 200, 3);
  assertEquals(list.length, 1);
  // Long after, the same words are news again.
  list = withToast(list, { kind: "error", message: words }, 60_000, 4);
  assertEquals(list.length, 2);
});

Deno.test("toasts - a row action's failure and its task's failure make one toast", () => {
  const words = "Requested operation is not valid: domain is already running";
  const task = { kind: "error" as const, message: `Start web failed: ${words}`, key: "task-7" };
  const island = { kind: "error" as const, message: `Start web: ${words}` };
  // Either order: the task's words, the longer, stay alone.
  for (const [first, second] of [[island, task], [task, island]]) {
    let list = withToast([], first, 0, 1);
    list = withToast(list, second, 100, 2);
    assertEquals(messages(list), [`error:Start web failed: ${words}`]);
  }
  // The same words about another VM are another failure.
  let list = withToast([], task, 0, 1);
  list = withToast(list, { kind: "error", message: `Start db: ${words}` }, 100, 2);
  assertEquals(list.length, 2);
});

Deno.test("toasts - a key replaces in place; successes go in time, failures stay; at most 3", () => {
  let list = withToast([], { kind: "info", message: "Clone VM a: running…", key: "k" }, 0, 1);
  list = withToast(list, { kind: "success", message: "Cloned VM a", key: "k" }, 50, 2);
  assertEquals(list.map((t) => [t.id, t.message, t.until]), [[1, "Cloned VM a", 50 + TOAST_MS]]);
  list = withToast(list, { kind: "error", message: "f1" }, 60, 3);
  assertEquals(list[1].until, null);
  for (let i = 0; i < 4; i++) {
    list = withToast(list, { kind: "success", message: `s${i}` }, 70, 4 + i);
  }
  // The oldest success went first; the failure stays.
  assertEquals(messages(list), ["error:f1", "success:s2", "success:s3"]);
});

Deno.test("toasts - the next page shows none of them, unless the page carried them along once", () => {
  let list = withToast([], { kind: "success", message: "seen" }, 0, 1);
  list = withToast(list, { kind: "error", message: "broke" }, 100, 2);
  assertEquals(messages(carriedToasts(list, 1_000)), [], "failures stay on their page");
  // The wizard moves on to its new VM: what it showed comes along, once.
  const carried = list.map((t) => ({
    ...t,
    carry: true,
    ...(t.until === null ? {} : { until: 5_000 }),
  }));
  const next = carriedToasts(carried, 1_000);
  assertEquals(messages(next), ["success:seen", "error:broke"]);
  assertEquals(messages(carriedToasts(next, 1_500)), [], "once");
  assertEquals(
    messages(carriedToasts(carried, 6_000)),
    ["error:broke"],
    "the success's time is up",
  );
});
