import { assertEquals } from "../../tests/support/assert.ts";
import { editingOf, type EditMode } from "./use_editing.ts";

const rules = [{ id: "a", name: "cpu" }, { id: "b", name: "disk" }];

Deno.test("editing - a listed item's form is keyed by its id, a new one's by 'new'", () => {
  const modes: EditMode[] = [];
  const set = (m: EditMode) => modes.push(m);
  const none = editingOf({ kind: "none" }, rules, set);
  assertEquals([none.open, none.item, none.key], [false, undefined, "new"]);
  const fresh = editingOf({ kind: "new" }, rules, set);
  assertEquals([fresh.open, fresh.item, fresh.key], [true, undefined, "new"]);
  const edit = editingOf({ kind: "edit", id: "b" }, rules, set);
  assertEquals([edit.open, edit.item, edit.key], [true, rules[1], "b"]);
  none.edit(rules[0]);
  none.startNew();
  edit.close();
  assertEquals(modes, [{ kind: "edit", id: "a" }, { kind: "new" }, { kind: "none" }]);
});

Deno.test("editing - an item deleted meanwhile, or not read yet, closes its form", () => {
  const gone = editingOf({ kind: "edit", id: "c" }, rules, () => {});
  assertEquals([gone.open, gone.item], [false, undefined]);
  const unread = editingOf<{ id: string }>({ kind: "edit", id: "a" }, null, () => {});
  assertEquals(unread.open, false);
});
