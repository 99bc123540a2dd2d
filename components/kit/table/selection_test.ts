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

Deno.test("table selection - a confirmation names few rows, and the count past five", () => {
  assertEquals(nameList(["web"]), "web");
  assertEquals(nameList(["web", "db"]), "web and db");
  assertEquals(nameList(["a", "b", "c"]), "a, b and c");
  assertEquals(nameList(["a", "b", "c", "d", "e", "f", "g"]), "a, b, c, d, e and 2 more");
});
