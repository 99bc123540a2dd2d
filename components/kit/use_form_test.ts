import { assertEquals } from "../../tests/support/assert.ts";
import { heldDraft } from "./use_form.ts";

Deno.test("held draft - a part of a form reads its parent's value and sends changes up", () => {
  const changes: unknown[] = [];
  const part = heldDraft({ name: "web", enabled: true }, (c) => changes.push(c));
  const name = part.text("name");
  const enabled = part.flag("enabled");
  assertEquals([name.value, enabled.checked], ["web", true]);
  name.onValue("db");
  enabled.onChecked(false);
  assertEquals(changes, [{ name: "db" }, { enabled: false }]);
});
