// Task titles in a user's words.

import { assertEquals } from "../../tests/support/assert.ts";
import { scheduledTitle, taskTitle } from "./titles.ts";

Deno.test("task titles - known actions in a user's words, unknown ones readable", () => {
  assertEquals(taskTitle("vm.start"), "Start");
  assertEquals(taskTitle("vm.create"), "Create VM");
  assertEquals(taskTitle("backup.create"), "Back up");
  assertEquals(taskTitle("disk.frobnicate"), "Frobnicate disk");
  assertEquals(taskTitle("vm.make-coffee"), "Make coffee VM");
  assertEquals(taskTitle("port-forward.rename"), "Rename port forward");
  assertEquals(taskTitle("POST /api/x"), "POST /api/x");
  assertEquals(scheduledTitle("backup"), "Scheduled backup");
});
