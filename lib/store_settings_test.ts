import { openStore } from "./store.ts";
import { assertEquals, assertThrows } from "../tests/support/assert.ts";
import { readSetting, settingText, writeSetting } from "./store_settings.ts";

Deno.test("store settings - a document is kept under its key and replaced in place", () => {
  const store = openStore(null);
  assertEquals(readSetting(store, "a", []), []);
  assertEquals(settingText(store, "a"), undefined);
  writeSetting(store, "a", [1, 2]);
  writeSetting(store, "b", { x: "y" });
  assertEquals(readSetting(store, "a", []), [1, 2]);
  writeSetting(store, "a", { replaced: true });
  assertEquals(readSetting(store, "a", {}), { replaced: true });
  assertEquals(settingText(store, "b"), '{"x":"y"}');
  assertEquals(
    store.db.prepare("SELECT COUNT(*) AS n FROM settings WHERE key IN ('a', 'b')").get()?.n,
    2,
  );
});

Deno.test("store settings - a value that is not JSON throws when parsed, and reads as text", () => {
  const store = openStore(null);
  store.db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)").run("c", "{not json");
  assertThrows(() => readSetting(store, "c", null), SyntaxError);
  assertEquals(settingText(store, "c"), "{not json");
});
