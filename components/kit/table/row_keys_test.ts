import { assertEquals } from "../../../tests/support/assert.ts";
import { keyedRows, rowsById } from "./row_keys.ts";

Deno.test("row keys - a row is keyed and named by the same field unless told otherwise", () => {
  const byUser = keyedRows("data-account", (a: { user: string }) => a.user);
  assertEquals(byUser.rowKey({ user: "ada" }), "ada");
  assertEquals(byUser.rowAttrs({ user: "ada" }), { "data-account": "ada" });
});

Deno.test("row keys - rows by id: a numeric id becomes its digits, the name shown on request", () => {
  const entries = rowsById("data-entry");
  assertEquals(entries.rowKey({ id: 42 }), "42");
  assertEquals(entries.rowAttrs({ id: 42 }), { "data-entry": "42" });
  const targets = rowsById("data-target", (x: { id: string; name: string }) => x.name);
  assertEquals(targets.rowKey({ id: "t1", name: "mail" }), "t1");
  assertEquals(targets.rowAttrs({ id: "t1", name: "mail" }), { "data-target": "mail" });
});
