import { assertEquals } from "../../tests/support/assert.ts";
import { editDeleteActions } from "./edit_delete_actions.ts";

Deno.test("edit and delete actions - Edit, then a red Delete, both with what they share", () => {
  const edit = (_: string) => {};
  const remove = (_: string) => {};
  const own = (row: string) => row !== "kept";
  assertEquals(editDeleteActions(edit, remove), [
    { action: "Edit", run: edit },
    { action: "Delete", kind: "danger", run: remove },
  ]);
  assertEquals(editDeleteActions(edit, remove, { class: "needs-admin", when: own }), [
    { action: "Edit", class: "needs-admin", when: own, run: edit },
    { action: "Delete", kind: "danger", class: "needs-admin", when: own, run: remove },
  ]);
});
