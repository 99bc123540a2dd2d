import { renderToString } from "preact-render-to-string";
import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { autostartColumn } from "./AutostartBox.tsx";

Deno.test("autostart column - a named box per row; a transient object's is disabled and says why", () => {
  const col = autostartColumn<{ name: string; autostart: boolean; persistent: boolean }>(
    "pool",
    () => false,
    () => {},
  );
  assertEquals([col.id, col.header], ["autostart", "Autostart"]);
  const on = renderToString(
    <>{col.cell({ name: "default", autostart: true, persistent: true })}</>,
  );
  assertMatch(on, /type="checkbox" checked aria-label="Autostart default"/);
  const transient = renderToString(
    <>{col.cell({ name: "tmp", autostart: false, persistent: false })}</>,
  );
  assertMatch(
    transient,
    /disabled aria-label="Autostart tmp" title="A transient pool cannot autostart"/,
  );
});
