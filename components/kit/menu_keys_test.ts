import { assertEquals } from "../../tests/support/assert.ts";
import { nextMenuIndex, openingIndex } from "./menu_keys.ts";

Deno.test("menu keys - arrows wrap, Home and End jump, other keys stay", () => {
  assertEquals(nextMenuIndex("ArrowDown", 0, 3), 1);
  assertEquals(nextMenuIndex("ArrowDown", 2, 3), 0);
  assertEquals(nextMenuIndex("ArrowUp", 0, 3), 2);
  assertEquals(nextMenuIndex("Home", 2, 3), 0);
  assertEquals(nextMenuIndex("End", 0, 3), 2);
  assertEquals(nextMenuIndex("x", 1, 3), 1);
  assertEquals(nextMenuIndex("ArrowDown", 0, 0), -1);
});

Deno.test("menu keys - the button opens on the first item, ArrowUp on the last", () => {
  assertEquals(openingIndex("ArrowDown", 4), 0);
  assertEquals(openingIndex("Enter", 4), 0);
  assertEquals(openingIndex("ArrowUp", 4), 3);
  assertEquals(openingIndex("a", 4), null);
});
