import { assertEquals } from "../../tests/support/assert.ts";
import { editingOf, type EditMode } from "./use_editing.ts";
import { changeThenReload, itemEditorOf } from "./use_item_editor.ts";

Deno.test("item editor - saved closes the form, then reads the list again", () => {
  const steps: string[] = [];
  const set = (m: EditMode) => steps.push(m.kind);
  const editor = itemEditorOf(editingOf({ kind: "new" }, [], set), () => steps.push("reload"));
  assertEquals(editor.open, true);
  editor.saved();
  assertEquals(steps, ["none", "reload"]);
});

Deno.test("item editor - a change reads the list again, whether it worked or was refused", async () => {
  let reads = 0;
  const change = changeThenReload(() => reads++);
  await change(() => Promise.resolve());
  await change(() => Promise.reject(new Error("refused")));
  assertEquals(reads, 2);
});
