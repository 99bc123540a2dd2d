import { signal } from "@preact/signals";
import { assertEquals } from "../../tests/support/assert.ts";
import { bindSignal } from "./bind_signal.ts";

Deno.test("bindSignal - shows the signal's value and writes a change back to it", () => {
  const name = signal("web");
  const bound = bindSignal(name);
  assertEquals(bound.value, "web");
  bound.onValue("db");
  assertEquals(name.value, "db");
  // The value is read when bound: a render binds again and shows the new one.
  assertEquals([bound.value, bindSignal(name).value], ["web", "db"]);
});
