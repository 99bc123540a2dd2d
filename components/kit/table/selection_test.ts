import { assertEquals } from "../../../tests/support/assert.ts";
import { keepShown, nameList, selectAllShown, selectedShown, toggleKey } from "./selection.ts";

const key = (r: { id: string }) => r.id;
const all = ["a", "b", "c", "d", "e", "f", "g"].map((id) => ({ id }));

Deno.test("table selection - only the selected rows that are shown count", () => {
  // 4 ticked, then a filter shows 3 others: select all shown makes 3, not 7.
  let selected = new Set(["a", "b", "c", "d"]);
  const shown = all.slice(4);
  assertEquals(selectedShown(selected, shown, key), []);
  selected = selectAllShown(true, shown, key);
  assertEquals([...selected], ["e", "f", "g"]);
  assertEquals(selectedShown(new Set(["a", "e"]), shown, key).map(key), ["e"]);
  assertEquals(selectAllShown(false, shown, key).size, 0);
});

Deno.test("table selection - a filter change drops the hidden rows", () => {
  assertEquals([...keepShown(new Set(["a", "e", "x"]), all.slice(3), key)], ["e"]);
  assertEquals([...toggleKey(new Set(["a"]), "b", true)], ["a", "b"]);
  assertEquals([...toggleKey(new Set(["a", "b"]), "a", false)], ["b"]);
});

Deno.test("table selection - rows hidden by a change of the rows drop; none hidden, same set", () => {
  // "b" is ticked under a Running filter; it stops, so the filter no longer shows it.
  const rows = [{ id: "a", state: "running" }, { id: "b", state: "running" }];
  const selected = new Set(["a", "b"]);
  const running = (list: typeof rows) => list.filter((r) => r.state === "running");
  assertEquals(keepShown(selected, running(rows), key), selected);
  const after = running([rows[0], { id: "b", state: "shutoff" }]);
  assertEquals([...keepShown(selected, after, key)], ["a"]);
  // Nothing to drop: the very set back, so a table that sets it on each change stops there.
  const same = keepShown(selected, running(rows), key);
  if (same !== selected) throw new Error("keepShown made a new set with nothing to drop");
});

Deno.test("table selection - a confirmation names few rows, and the count past five", () => {
  assertEquals(nameList(["web"]), "web");
  assertEquals(nameList(["web", "db"]), "web and db");
  assertEquals(nameList(["a", "b", "c"]), "a, b and c");
  assertEquals(nameList(["a", "b", "c", "d", "e", "f", "g"]), "a, b, c, d, e and 2 more");
});
